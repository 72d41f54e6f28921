package ai.naas.aws.environments;

import com.pulumi.test.Mocks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The offline account with some calls answered as a test says (a role that does not exist, a certificate that is
 * not issued), every call recorded: how tests drive what the stack's preflight invokes see. Use as
 * {@code StackPlans.of(stack, overrides, answers::around)}.
 */
final class AccountAnswers {

    /** A call the program made, and what it was answered. */
    record Call(String token, Map<String, Object> args, Map<String, Object> answer, Throwable failure) {
    }

    static final String GET_ROLE = "aws:iam/getRole:getRole";
    static final String GET_CERTIFICATE = "aws:acm/getCertificate:getCertificate";

    private final Map<String, Function<Mocks.CallArgs, CompletableFuture<Map<String, Object>>>> overrides = new HashMap<>();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    /** IAM's answer for a role that does not exist (iam:GetRole's NoSuchEntity, its message as IAM words it). */
    AccountAnswers withoutRole(String name) {
        overrides.put(GET_ROLE + "/" + name, call -> CompletableFuture.failedFuture(new IllegalStateException(
                "reading IAM Role (" + name + "): operation error IAM: GetRole, NoSuchEntity: The role with name "
                        + name + " cannot be found.")));
        return this;
    }

    /** The caller may not read roles: IAM's AccessDenied for iam:GetRole. */
    AccountAnswers deniedRoles() {
        overrides.put(GET_ROLE, call -> CompletableFuture.failedFuture(new IllegalStateException(
                "reading IAM Role (" + call.args.get("name") + "): operation error IAM: GetRole, AccessDenied: User: "
                        + "arn:aws:sts::123456789012:assumed-role/naas-preview/ci is not authorized to perform: "
                        + "iam:GetRole on resource: role " + call.args.get("name"))));
        return this;
    }

    /** The account's role named {@code name} is {@code arn} (e.g. another path than the config's). */
    AccountAnswers withRole(String name, String arn) {
        overrides.put(GET_ROLE + "/" + name, call -> CompletableFuture.completedFuture(Map.of("arn", arn, "id", name,
                "name", name, "path", "/", "assumeRolePolicy", "{}", "createDate", "2024-01-01T00:00:00Z",
                "description", "", "maxSessionDuration", 3600, "permissionsBoundary", "", "roleLastUseds", List.of())));
        return this;
    }

    /**
     * The region's only certificate for any domain name is {@code arn} in {@code status}: the data source finds it
     * when asked for that status, and nothing otherwise ("no ACM Certificate matching domain", its own error).
     */
    AccountAnswers withCertificate(String arn, String status) {
        overrides.put(GET_CERTIFICATE, call -> {
            var statuses = (List<?>) call.args.getOrDefault("statuses", List.of("ISSUED"));
            if (!statuses.contains(status)) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "no ACM Certificate matching domain (" + call.args.get("domain") + ")"));
            }
            var answer = new HashMap<String, Object>();
            answer.put("arn", arn);
            answer.put("id", arn);
            answer.put("domain", call.args.get("domain"));
            answer.put("status", status);
            answer.put("certificate", "");
            answer.put("certificateChain", "");
            answer.put("keyTypes", call.args.getOrDefault("keyTypes", List.of()));
            answer.put("statuses", statuses);
            answer.put("mostRecent", call.args.getOrDefault("mostRecent", false));
            answer.put("tags", Map.of());
            answer.put("types", List.of());
            return CompletableFuture.completedFuture(answer);
        });
        return this;
    }

    /** Every call made so far, in order. */
    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The calls of one invoke. */
    List<Call> calls(String token) {
        return calls().stream().filter(c -> c.token().equals(token)).toList();
    }

    /** {@code cloud} with these answers in front of it. */
    Mocks around(Mocks cloud) {
        return new Mocks() {
            @Override
            public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
                return cloud.newResourceAsync(args);
            }

            @Override
            public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
                var override = overrides.getOrDefault(args.token + "/" + args.args.get("name"), overrides.get(args.token));
                var answer = override != null ? override.apply(args) : cloud.callAsync(args);
                return answer.whenComplete((result, failure) ->
                        calls.add(new Call(args.token, Map.copyOf(args.args), result, failure)));
            }
        };
    }
}

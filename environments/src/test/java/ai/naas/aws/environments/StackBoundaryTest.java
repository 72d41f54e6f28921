package ai.naas.aws.environments;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the account's permissions boundaries need from a stack (docs/ACCOUNT.md, "CI roles"): the deploy role
 * {@code naas-<stack>-deploy} may create a role only with its boundary {@code naas-<stack>-boundary}, and it
 * refuses resources tagged {@code naas:stack} with another stack's name. So, over both stacks' plans: every IAM
 * role carries that boundary, and every taggable AWS resource gets {@code naas:stack: <stack>}, through the AWS
 * provider's default tags or, where the provider cannot (a type without {@code tagsAll}), its own tags.
 */
class StackBoundaryTest {

    private static final String ACCOUNT = "123456789012";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyRoleOfTheStackCarriesTheStacksBoundary(String stack) {
        var roles = StackPlans.of(stack).ofType("aws:iam/role:Role");
        assertThat(roles).as("node, control plane, flow logs, SFTP, backup, admin and IRSA roles").hasSizeGreaterThan(6);
        assertThat(roles).allSatisfy(role -> assertThat(role.input("permissionsBoundary"))
                .as(role.name()).contains("arn:aws:iam::" + ACCOUNT + ":policy/naas-" + stack + "-boundary"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void aBoundarySetInConfigIsTheOneEveryRoleCarries(String stack) {
        String boundary = "arn:aws:iam::" + ACCOUNT + ":policy/teams/naas-" + stack + "-custom";
        var plan = StackPlans.of(stack, Map.of("naas:iam", "{\"permissionsBoundary\":\"" + boundary + "\"}"));
        assertThat(plan.ofType("aws:iam/role:Role"))
                .allSatisfy(role -> assertThat(role.input("permissionsBoundary")).contains(boundary));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTaggableResourceOfTheStackIsTaggedWithTheStacksName(String stack) throws Exception {
        var file = new YAMLMapper().readTree(Files.readString(Path.of("Pulumi." + stack + ".yaml")));
        assertThat(file.path("config").path("aws:defaultTags").path("tags").path("naas:stack").asText())
                .as("the provider tags every resource it can").isEqualTo(stack);
        Plan plan = StackPlans.of(stack);
        var aws = plan.resources().stream().filter(PlannedResource::custom).filter(r -> r.type().startsWith("aws:")).toList();
        assertThat(aws).allSatisfy(r -> assertThat(r.provider())
                .as("%s %s uses the default provider, which carries the default tags", r.type(), r.name()).isNull());
        var checked = new ArrayList<String>();
        for (var resource : aws) {
            var type = resourceClass(resource.type());
            if (type.isEmpty() || !taggable(type.get())) {
                continue;
            }
            checked.add(resource.type());
            Optional<Object> own = ownStackTag(resource);
            if (hasMethod(type.get(), "tagsAll")) {
                // A resource's own tag would override the provider's: it may only repeat it.
                own.ifPresent(value -> assertThat(value).as("%s %s", resource.type(), resource.name()).isEqualTo(stack));
            } else {
                assertThat(own).as("%s %s: the provider's default tags do not reach this type", resource.type(),
                        resource.name()).contains(stack);
            }
        }
        assertThat(checked).as("VPC, subnets, keys, roles, cluster, file system, database, load balancer")
                .contains("aws:ec2/vpc:Vpc", "aws:kms/key:Key", "aws:iam/role:Role", "aws:eks/cluster:Cluster",
                        "aws:rds/instance:Instance", "aws:autoscaling/group:Group");
    }

    /** The resource's own {@code naas:stack} tag: in a {@code tags} map, or an Auto Scaling group's tag list. */
    private static Optional<Object> ownStackTag(PlannedResource resource) {
        Object tags = resource.input("tags").orElse(null);
        if (tags instanceof Map<?, ?> map) {
            return Optional.ofNullable(map.get("naas:stack"));
        }
        if (tags instanceof List<?> list) {
            return list.stream().filter(t -> t instanceof Map<?, ?> m && "naas:stack".equals(m.get("key")))
                    .map(t -> ((Map<?, ?>) t).get("value")).findFirst().map(v -> (Object) v);
        }
        return Optional.empty();
    }

    /** {@code aws:ec2/vpc:Vpc} to {@code com.pulumi.aws.ec2.Vpc}. */
    private static Optional<Class<?>> resourceClass(String token) {
        String module = token.substring(token.indexOf(':') + 1, token.indexOf('/'));
        String name = token.substring(token.lastIndexOf(':') + 1);
        try {
            return Optional.of(Class.forName("com.pulumi.aws." + module + "." + name));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Whether the type's inputs take tags at all. */
    private static boolean taggable(Class<?> type) {
        try {
            return hasMethod(Class.forName(type.getName() + "Args"), "tags");
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static boolean hasMethod(Class<?> type, String name) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 0) {
                return true;
            }
        }
        return false;
    }
}

package ai.naas.aws.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ImageReferences#split} reads a reference's registry as Docker does. The expected domains and paths are
 * distribution/reference's own vectors ({@code normalize_test.go} at commit 4894124, {@code TestNormalizedSplitHostname}
 * and {@code TestParseRepositoryInfo}), plus the images this repository runs.
 */
class ImageReferenceSplitTest {

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource({
            // TestNormalizedSplitHostname
            "test.com/foo, test.com, foo",
            "test_com/foo, docker.io, test_com/foo",
            "docker/migrator, docker.io, docker/migrator",
            "test.com:8080/foo, test.com:8080, foo",
            "test-com:8080/foo, test-com:8080, foo",
            "foo, docker.io, library/foo",
            "xn--n3h.com/foo, xn--n3h.com, foo",
            "xn--n3h.com:18080/foo, xn--n3h.com:18080, foo",
            "docker.io/foo, docker.io, library/foo",
            "docker.io/library/foo, docker.io, library/foo",
            "docker.io/library/foo/bar, docker.io, library/foo/bar",
            // TestParseRepositoryInfo (familiar, full and ambiguous names of one repository)
            "fooo/bar, docker.io, fooo/bar",
            "index.docker.io/fooo/bar, docker.io, fooo/bar",
            "ubuntu, docker.io, library/ubuntu",
            "library/ubuntu, docker.io, library/ubuntu",
            "127.0.0.1:8000/private/moonbase, 127.0.0.1:8000, private/moonbase",
            "example.com:8000/privatebasee, example.com:8000, privatebasee",
            "index.docker.io/library/ubuntu-12.04-base, docker.io, library/ubuntu-12.04-base",
            "store/foo/bar, docker.io, store/foo/bar",
            "Foo/bar, Foo, bar",
            "FOO/bar, FOO, bar",
            // the images of this repository
            "jupyternaas/naas, docker.io, jupyternaas/naas",
            "busybox, docker.io, library/busybox",
            "quay.io/jupyterhub/k8s-hub, quay.io, jupyterhub/k8s-hub",
            "registry.k8s.io/kube-scheduler, registry.k8s.io, kube-scheduler",
    })
    void splitsTheDomainAsDockerDoes(String reference, String domain, String path) {
        var split = ImageReferences.split(reference);
        assertThat(split.domain()).isEqualTo(domain);
        assertThat(split.path()).isEqualTo(path);
        assertThat(split.suffix()).isEmpty();
        assertThat(split.isDockerHub()).isEqualTo(domain.equals("docker.io"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "busybox:1.36.1, docker.io, library/busybox, :1.36.1",
            "postgres:16.4-alpine, docker.io, library/postgres, :16.4-alpine",
            "jupyternaas/naas:2.6.3, docker.io, jupyternaas/naas, :2.6.3",
            "localhost:5000/naas:1, localhost:5000, naas, :1",
            // TestParseReferenceWithTagAndDigest: a tag and a digest both stay with the name
            "busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa, docker.io, library/busybox,"
                    + " :latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa",
            // Docker Hub's registry host is Docker Hub too, though Docker keeps it as written
            "registry-1.docker.io/jupyternaas/proxy:1.2.4, registry-1.docker.io, jupyternaas/proxy, :1.2.4",
    })
    void keepsTheTagAndDigestApart(String reference, String domain, String path, String suffix) {
        var split = ImageReferences.split(reference);
        assertThat(split).isEqualTo(new ImageReferences.Split(domain, path, suffix));
        assertThat(split.isDockerHub()).isEqualTo(domain.contains("docker.io"));
    }
}

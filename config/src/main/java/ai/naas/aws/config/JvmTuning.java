package ai.naas.aws.config;

/**
 * JVM settings every run of the program needs. On a 2-CPU machine the common ForkJoin pool has
 * parallelism 1, and the Pulumi SDK then starts a new thread for every async continuation: a large stack
 * takes several times longer and uses gigabytes. {@code tools/bench} measures it.
 *
 * <p>Heap and JIT flags ({@code -XX:+UseSerialGC -XX:TieredStopAtLevel=1}) cannot be set from inside;
 * {@code tools/naas}, the surefire config and CI pass them with {@code JDK_JAVA_OPTIONS}.
 */
public final class JvmTuning {

    /** The system property the JDK reads when it first creates the common pool. */
    public static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private JvmTuning() {
    }

    /** Must run before anything touches the common pool: first thing in {@code main}. */
    public static void apply() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, "4");
        }
    }
}

package io.peerdial.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * ArchUnit rules enforcing peerdial's one rule: protocol cores are sans-IO (ARCHITECTURE.md). A core may
 * not depend on sockets, {@code java.nio.channels} or executors, and may not sleep, start threads, read
 * the wall clock or use global randomness. Calls and method references ({@code System::nanoTime}) both count.
 *
 * <p>Usage, in any module's tests:
 * <pre>{@code
 * @AnalyzeClasses(packages = "io.peerdial.overlay", importOptions = ImportOption.DoNotIncludeTests.class)
 * class SansIoTest {
 *     @ArchTest
 *     static final ArchRule cores = SansIoRules.sansIoBelow("io.peerdial.overlay");
 * }
 * }</pre>
 */
public final class SansIoRules {

    /** Package names (any segment below the root) whose classes may do IO: the drivers, not the cores. */
    public static final Set<String> IO_PACKAGE_NAMES = Set.of("runtime", "io", "net", "udp", "transport", "cli", "daemon");

    private static final Pattern FORBIDDEN_CONCURRENCY = Pattern.compile(
            "java\\.util\\.concurrent\\.(Executor|ExecutorService|Executors|ScheduledExecutorService"
                    + "|ThreadPoolExecutor|ScheduledThreadPoolExecutor|ExecutorCompletionService|ForkJoinPool)|java\\.util\\.Timer");

    /** Static methods that read the wall clock, use global randomness or block/start threads, by owner. */
    private static final Map<String, Set<String>> FORBIDDEN_METHODS = Map.of(
            "java.lang.System", Set.of("currentTimeMillis", "nanoTime"),
            "java.lang.Math", Set.of("random"),
            "java.lang.StrictMath", Set.of("random"),
            "java.lang.Thread", Set.of("sleep", "startVirtualThread", "ofVirtual", "ofPlatform"),
            "java.util.concurrent.ThreadLocalRandom", Set.of("current"),
            "java.time.Instant", Set.of("now"),
            "java.time.LocalDateTime", Set.of("now"),
            "java.time.ZonedDateTime", Set.of("now"),
            "java.time.OffsetDateTime", Set.of("now"),
            "java.time.Clock", Set.of("systemUTC", "systemDefaultZone", "system"));

    /** Generators whose no-argument constructor seeds itself from the clock: not replayable. */
    private static final Set<String> SELF_SEEDING = Set.of("java.util.Random", "java.util.SplittableRandom");

    private SansIoRules() {
    }

    /** No class in the given ArchUnit package identifiers (e.g. {@code "io.peerdial.overlay.kademlia.."}) does IO. */
    public static ArchRule noIoIn(String... packageIdentifiers) {
        return forbid(noClasses().that().resideInAnyPackage(packageIdentifiers));
    }

    /**
     * No class under {@code rootPackage} does IO, except in packages with a segment below the root named
     * one of {@link #IO_PACKAGE_NAMES} (so {@code io.peerdial.overlay.runtime} may, {@code io.peerdial.overlay}
     * itself may not). Passes when there are no classes yet (module skeletons).
     */
    public static ArchRule sansIoBelow(String rootPackage) {
        DescribedPredicate<JavaClass> cores = DescribedPredicate.describe(
                "are below " + rootPackage + " outside packages named " + new TreeSet<>(IO_PACKAGE_NAMES),
                c -> isCore(c.getPackageName(), rootPackage));
        return forbid(noClasses().that(cores)).allowEmptyShould(true);
    }

    static boolean isCore(String packageName, String rootPackage) {
        if (!packageName.equals(rootPackage) && !packageName.startsWith(rootPackage + ".")) {
            return false;
        }
        String below = packageName.substring(rootPackage.length());
        for (String segment : below.split("\\.")) {
            if (IO_PACKAGE_NAMES.contains(segment)) {
                return false;
            }
        }
        return true;
    }

    private static ArchRule forbid(GivenClassesConjunction classes) {
        return classes
                .should().dependOnClassesThat(FORBIDDEN_TYPES)
                .orShould().accessTargetWhere(FORBIDDEN_ACCESS)
                .because("protocol cores are sans-IO: time comes in as `long now`, randomness is injected, "
                        + "output is polled (ARCHITECTURE.md, 'The one rule')");
    }

    private static final DescribedPredicate<JavaClass> FORBIDDEN_TYPES = DescribedPredicate.describe(
            "are sockets, java.nio.channels, executors or timers",
            // Named, not Class literals: this rule class itself must pass the rule (testkit is sans-IO too).
            // MulticastSocket is a DatagramSocket; SSL sockets are Sockets.
            c -> c.isAssignableTo("java.net.DatagramSocket") || c.isAssignableTo("java.net.Socket")
                    || c.isAssignableTo("java.net.ServerSocket") || c.getPackageName().startsWith("java.nio.channels")
                    || FORBIDDEN_CONCURRENCY.matcher(c.getName()).matches());

    private static final DescribedPredicate<JavaAccess<?>> FORBIDDEN_ACCESS = DescribedPredicate.describe(
            "read the wall clock, use global or self-seeded randomness, sleep or create threads",
            SansIoRules::isForbiddenAccess);

    private static boolean isForbiddenAccess(JavaAccess<?> access) {
        JavaClass owner = access.getTargetOwner();
        String name = access.getName();
        if ("<init>".equals(name)) {
            if (owner.isAssignableTo("java.lang.Thread")) {
                return true;
            }
            return SELF_SEEDING.contains(owner.getName())
                    && access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget target
                    && target.getRawParameterTypes().isEmpty();
        }
        Set<String> names = FORBIDDEN_METHODS.get(owner.getName());
        return names != null && names.contains(name);
    }
}

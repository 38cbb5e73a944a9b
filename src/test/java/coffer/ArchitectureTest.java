package coffer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import jakarta.persistence.Query;
import jakarta.ws.rs.HttpMethod;

/** The rules that protect correctness, checked on the main classes at every build. */
@AnalyzeClasses(packages = "coffer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final DescribedPredicate<JavaMethodCall> EXECUTE_UPDATE =
            DescribedPredicate.describe(
                    "Query.executeUpdate()",
                    call ->
                            call.getName().equals("executeUpdate")
                                    && call.getTargetOwner().isAssignableTo(Query.class));

    private static final DescribedPredicate<JavaMethod> ROUTE =
            DescribedPredicate.describe(
                    "a JAX-RS route",
                    method ->
                            method.getAnnotations().stream()
                                    .anyMatch(
                                            annotation ->
                                                    annotation
                                                            .getRawType()
                                                            .isAnnotatedWith(HttpMethod.class)));

    private static final DescribedPredicate<JavaMethod> SAYS_WHO_MAY_CALL_IT =
            DescribedPredicate.describe(
                    "@Needs or @Open on it or its class",
                    method ->
                            method.isAnnotatedWith(Needs.class)
                                    || method.isAnnotatedWith(Open.class)
                                    || method.getOwner().isAnnotatedWith(Needs.class)
                                    || method.getOwner().isAnnotatedWith(Open.class));

    /** Else the route is closed to everyone, and nobody would know why. */
    @ArchTest
    static final ArchRule everyRouteSaysWhoMayCallIt =
            methods()
                    .that(ROUTE)
                    .should(ArchConditions.be(SAYS_WHO_MAY_CALL_IT))
                    .because("coffer.access closes a route that names no role");

    @ArchTest
    static final ArchRule everyBulkUpdateGoesThroughBulkUpdates =
            noClasses()
                    .that()
                    .doNotBelongToAnyOf(BulkUpdates.class)
                    .should()
                    .callMethodWhere(EXECUTE_UPDATE)
                    .because(
                            "EclipseLink 4.0 hands a shared named query's row count to whichever"
                                    + " thread asks; BulkUpdates gives each execution its own copy");

    /**
     * The components (the packages right under {@code coffer}) form a tree: a component that owns
     * data owns its rules, and the components that use it depend on it, never the reverse. Plumbing
     * in {@code coffer} itself belongs to no component and serves all.
     */
    @ArchTest
    static final ArchRule componentsDependOnEachOtherWithoutCycles =
            slices().matching("coffer.(*)..")
                    .namingSlices("component $1")
                    .should()
                    .beFreeOfCycles();

    /** Else plumbing would be a way round the rule above. */
    @ArchTest
    static final ArchRule plumbingDependsOnNoComponent =
            noClasses()
                    .that()
                    .resideInAPackage("coffer")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("coffer.*..");

    @ArchTest
    static final ArchRule onlyTheTasksComponentTouchesTheTaskTables =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("coffer.tasks..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("coffer.tasks.entity..")
                    .because(
                            "a lease is only as safe as the statements that change the tasks table;"
                                    + " other components make a task due through TaskTriggers");
}

package coffer;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import jakarta.ejb.Stateless;
import jakarta.persistence.Query;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

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

    /**
     * Facades return answers as values and the control layer below them decides without knowing
     * HTTP: the response is written after the commit, never while a row is locked. The one piece
     * that writes JSON in the transaction is the answer kept under an idempotency key, which must
     * commit with its change.
     */
    @ArchTest
    static final ArchRule theTransactionBoundaryWritesNoJsonAndNoHttp =
            noClasses()
                    .that()
                    .areAnnotatedWith(Stateless.class)
                    .or()
                    .resideInAnyPackage(
                            "coffer.balance.control..",
                            "coffer.ledger.control..",
                            "coffer.idempotency.control..",
                            "coffer.merch.control..")
                    .and()
                    .doNotHaveFullyQualifiedName("coffer.idempotency.control.StoredAnswers")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("jakarta.json..", "jakarta.ws.rs..");

    /** An engine calls down to what it drives, never up to the routes that use it. */
    @ArchTest
    static final ArchRule controlDependsOnNoBoundary =
            noClasses()
                    .that()
                    .resideInAPackage("..control..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("..boundary..");

    @ArchTest
    static final ArchRule routesLiveInBoundaries =
            classes().that().areAnnotatedWith(Path.class).should().resideInAPackage("..boundary..");

    /**
     * Entity packages hold what is stored and its rules; what a client is sent is the boundary's.
     */
    @ArchTest
    static final ArchRule entityPackagesHoldNoResponseTypes =
            noClasses()
                    .that()
                    .resideInAPackage("..entity..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("jakarta.json..", "jakarta.ws.rs..");

    @ArchTest
    static final ArchRule noRouteAnswersWithAnEntityPackagesType =
            noMethods().that(ROUTE).should().haveRawReturnType(resideInAPackage("..entity.."));
}

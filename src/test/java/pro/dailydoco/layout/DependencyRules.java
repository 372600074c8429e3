package pro.dailydoco.layout;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Which feature may know which (docs/architecture.md, docs/decisions/0060-feature-dependencies.md), as rules over
 * compiled classes. Kept apart from the test so the test can also prove each rule catches a planted violation.
 */
final class DependencyRules {

    static final String ROOT = "pro.dailydoco";

    private DependencyRules() {
    }

    /** No cycle between any two packages, sub-packages included (referral.ledger and referral.tree count apart). */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching(ROOT + ".(**)").should().beFreeOfCycles()
            .as("no cycle between packages");

    /** No cycle between top-level features either (a cycle through sub-packages of two features). */
    static final ArchRule NO_FEATURE_CYCLES = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles()
            .as("no cycle between features");

    static final ArchRule CORE_IMPORTS_NO_FEATURE = classes().that().resideInAPackage(ROOT + ".core..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..").or(resideInAPackage(ROOT + ".core..")))
            .as("core imports no feature");

    static final ArchRule TENANT_IMPORTS_NO_OTHER_FEATURE = onlyItselfAndCore("tenant");

    static final ArchRule AUDIT_IMPORTS_NO_OTHER_FEATURE = onlyItselfAndCore("audit");

    static final ArchRule NOTHING_IMPORTS_OPERATOR = nobodyElseImports("operator");

    static final ArchRule NOTHING_IMPORTS_ADMIN = nobodyElseImports("admin");

    static final ArchRule REFERRAL_AND_ANALYTICS_SEE_ONLY_BILLING_EVENTS = noClasses()
            .that().resideInAnyPackage(ROOT + ".referral..", ROOT + ".analytics..")
            .should().dependOnClassesThat(resideInAPackage(ROOT + ".billing..")
                    .and(not(resideInAPackage(ROOT + ".billing.events.."))))
            .as("referral and analytics import from billing only billing.events");

    static final ArchRule PAGE_RESOURCES_STAY_IN_THEIR_FEATURE = classes().that().resideInAPackage(ROOT + "..")
            .should(notUseAnotherFeaturesPageResource())
            .as("no feature imports another feature's page resources");

    static final List<ArchRule> ALL = List.of(NO_PACKAGE_CYCLES, NO_FEATURE_CYCLES, CORE_IMPORTS_NO_FEATURE,
            TENANT_IMPORTS_NO_OTHER_FEATURE, AUDIT_IMPORTS_NO_OTHER_FEATURE, NOTHING_IMPORTS_OPERATOR,
            NOTHING_IMPORTS_ADMIN, REFERRAL_AND_ANALYTICS_SEE_ONLY_BILLING_EVENTS, PAGE_RESOURCES_STAY_IN_THEIR_FEATURE);

    private static ArchRule onlyItselfAndCore(String feature) {
        return classes().that().resideInAPackage(ROOT + "." + feature + "..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..")
                        .or(resideInAnyPackage(ROOT + "." + feature + "..", ROOT + ".core..")))
                .as(feature + " imports no other feature");
    }

    private static ArchRule nobodyElseImports(String feature) {
        return noClasses().that().resideOutsideOfPackage(ROOT + "." + feature + "..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + "." + feature + "..")
                .as("no feature imports " + feature);
    }

    /** The top-level feature of a class: {@code referral} for {@code pro.dailydoco.referral.ledger.X}. */
    static String featureOf(JavaClass javaClass) {
        String rest = javaClass.getPackageName().substring(Math.min(javaClass.getPackageName().length(), ROOT.length() + 1));
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static boolean isPageResource(JavaClass javaClass) {
        return javaClass.isAnnotatedWith("jakarta.ws.rs.Path");
    }

    private static ArchCondition<JavaClass> notUseAnotherFeaturesPageResource() {
        return new ArchCondition<>("not use another feature's page resource") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    JavaClass resource = target.getEnclosingClass().filter(DependencyRules::isPageResource).orElse(target);
                    if (resource.getPackageName().startsWith(ROOT + ".") && isPageResource(resource)
                            && !featureOf(resource).equals(featureOf(origin))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}

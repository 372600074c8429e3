package pro.dailydoco.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layout holds: the dependency rules pass on the application's classes, each rule fails on a planted
 * forbidden import (so a rule that silently matches nothing cannot pass), and docs/architecture.md lists exactly the
 * packages that exist.
 */
class LayoutTest {

    private static JavaClasses application;

    @BeforeAll
    static void importApplication() {
        application = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(DependencyRules.ROOT);
    }

    @TestFactory
    Stream<DynamicTest> theApplicationKeepsEveryDependencyRule() {
        assertTrue(application.size() > 200, "the application's classes were imported: " + application.size());
        return DependencyRules.ALL.stream().map(rule -> dynamicTest(rule.getDescription(), () -> rule.check(application)));
    }

    @TestFactory
    Stream<DynamicTest> eachRuleCatchesAPlantedForbiddenImport() {
        JavaClasses planted = new ClassFileImporter().importClasses(
                pro.dailydoco.core.PlantedViolation.class, pro.dailydoco.tenant.PlantedViolation.class,
                pro.dailydoco.audit.PlantedViolation.class, pro.dailydoco.referral.PlantedViolation.class,
                pro.dailydoco.billing.BillingService.class, pro.dailydoco.billing.StripeGateway.class,
                pro.dailydoco.audit.AuditLog.class, pro.dailydoco.tenant.TenantContext.class,
                pro.dailydoco.operator.OperatorService.class, pro.dailydoco.admin.AdminOverview.class,
                pro.dailydoco.account.signin.AuthResource.class);
        return DependencyRules.ALL.stream().map(rule -> dynamicTest(rule.getDescription(),
                () -> assertTrue(rule.evaluate(planted).hasViolation(), "'" + rule.getDescription()
                        + "' does not catch the planted violation")));
    }

    @Test
    void architectureDocumentListsExactlyThePackagesThatExist() throws IOException {
        Set<String> packages = application.stream().map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(DependencyRules.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(packages, documentedPackages(Path.of("docs/architecture.md")),
                "docs/architecture.md, section 'Packages', must list every package of src/main/java and no other");
    }

    @Test
    void featureOfAClassIsItsTopLevelPackage() {
        Map<Class<?>, String> expected = Map.of(pro.dailydoco.referral.ledger.CommissionLedger.class, "referral",
                pro.dailydoco.core.web.Requests.class, "core", pro.dailydoco.Main.class, "");
        expected.forEach((type, feature) -> assertEquals(feature,
                DependencyRules.featureOf(new ClassFileImporter().importClass(type)), type.getName()));
    }

    /** The backticked package names in the first column of the table under "## Packages". */
    static Set<String> documentedPackages(Path architecture) throws IOException {
        String text = Files.readString(architecture);
        int start = text.indexOf("\n## Packages");
        assertTrue(start >= 0, "docs/architecture.md has a '## Packages' section");
        int end = text.indexOf("\n## ", start + 1);
        String section = text.substring(start, end < 0 ? text.length() : end);
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\|\\s*`(pro\\.dailydoco[\\w.]*)`").matcher(section);
        while (row.find()) {
            documented.add(row.group(1));
        }
        return documented;
    }
}

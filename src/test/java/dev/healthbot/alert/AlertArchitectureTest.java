package dev.healthbot.alert;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class AlertArchitectureTest {

    @Test
    void theAlertCoreDependsOnlyOnTheMonitorDomainAndTheJdk() {
        noClasses()
                .that()
                .resideInAPackage("dev.healthbot.alert..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("dev.healthbot.alert..", "dev.healthbot.monitor..", "java..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.healthbot.alert"));
    }
}

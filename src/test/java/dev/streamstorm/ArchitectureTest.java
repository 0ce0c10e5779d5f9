package dev.streamstorm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package arrows of docs/design.md ("Packages") true: cli → engine → protocol → metrics ←
 * report, cli → cluster → engine for distributed runs, cli → bench → engine for the benchmarks,
 * scenario → metrics beside them (threshold expressions), cli → trial → engine for {@code try}, and
 * bench-server a peer that imports nothing of the tool; and no package of either is part of a
 * cycle.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.streamstorm");
  }

  /** Each package is a slice of its own: sub-packages too (benchserver.http, metrics.threshold). */
  @Test
  void noPackageIsPartOfACycle() {
    slices().matching("dev.streamstorm.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void protocolUsesOnlyScenarioAndMetrics() {
    noClasses()
        .that()
        .resideInAPackage("dev.streamstorm.protocol..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.streamstorm.cli..",
            "dev.streamstorm.cluster..",
            "dev.streamstorm.bench..",
            "dev.streamstorm.engine..",
            "dev.streamstorm.report..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void benchServerIsAPeerNotALibrary() {
    noClasses()
        .that()
        .resideInAPackage("dev.streamstorm.benchserver..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.streamstorm.cli..",
            "dev.streamstorm.cluster..",
            "dev.streamstorm.bench..",
            "dev.streamstorm.engine..",
            "dev.streamstorm.protocol..",
            "dev.streamstorm.metrics..",
            "dev.streamstorm.report..",
            "dev.streamstorm.scenario..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void toolDoesNotReachIntoBenchServerExceptFromCli() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.streamstorm.engine..",
            "dev.streamstorm.protocol..",
            "dev.streamstorm.metrics..",
            "dev.streamstorm.report..",
            "dev.streamstorm.scenario..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.streamstorm.benchserver..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void metricsDependsOnNoOtherLayer() {
    noClasses()
        .that()
        .resideInAPackage("dev.streamstorm.metrics..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.streamstorm.cli..",
            "dev.streamstorm.engine..",
            "dev.streamstorm.protocol..",
            "dev.streamstorm.report..",
            "dev.streamstorm.scenario..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void scenarioKnowsNothingOfEngineProtocolReportOrCli() {
    noClasses()
        .that()
        .resideInAPackage("dev.streamstorm.scenario..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.streamstorm.cli..",
            "dev.streamstorm.engine..",
            "dev.streamstorm.protocol..",
            "dev.streamstorm.report..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void reportReadsResultsOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.streamstorm.report..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.streamstorm.cli..",
            "dev.streamstorm.cluster..",
            "dev.streamstorm.bench..",
            "dev.streamstorm.engine..",
            "dev.streamstorm.protocol..",
            "dev.streamstorm.scenario..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void clusterIsUsedByCliOnlyAndUsesNeitherCliNorReport() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.streamstorm.engine..",
            "dev.streamstorm.protocol..",
            "dev.streamstorm.metrics..",
            "dev.streamstorm.report..",
            "dev.streamstorm.scenario..",
            "dev.streamstorm.benchserver..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.streamstorm.cluster..")
        .allowEmptyShould(true)
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.streamstorm.cluster..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.streamstorm.cli..",
            "dev.streamstorm.bench..",
            "dev.streamstorm.protocol..",
            "dev.streamstorm.report..",
            "dev.streamstorm.benchserver..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void benchDrivesTheEngineAndTalksToBenchServerOnlyOverSockets() {
    noClasses()
        .that()
        .resideInAPackage("dev.streamstorm.bench..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.streamstorm.cli..",
            "dev.streamstorm.cluster..",
            "dev.streamstorm.protocol..",
            "dev.streamstorm.report..",
            "dev.streamstorm.benchserver..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void onlyCliUsesTheBenchHarness() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.streamstorm.engine..",
            "dev.streamstorm.protocol..",
            "dev.streamstorm.metrics..",
            "dev.streamstorm.report..",
            "dev.streamstorm.scenario..",
            "dev.streamstorm.cluster..",
            "dev.streamstorm.benchserver..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.streamstorm.bench..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void liveOutputsReadSnapshotsNeverThePerTokenPath() {
    noClasses()
        .that()
        .resideInAPackage("dev.streamstorm.live..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.streamstorm.protocol..",
            "dev.streamstorm.cli..",
            "dev.streamstorm.cluster..",
            "dev.streamstorm.benchserver..")
        .allowEmptyShould(true)
        .check(classes);
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.streamstorm.engine..",
            "dev.streamstorm.protocol..",
            "dev.streamstorm.metrics..",
            "dev.streamstorm.report..",
            "dev.streamstorm.scenario..",
            "dev.streamstorm.cluster..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.streamstorm.live..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void tryDrivesTheEngineForCliOnly() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.streamstorm.engine..",
            "dev.streamstorm.protocol..",
            "dev.streamstorm.metrics..",
            "dev.streamstorm.report..",
            "dev.streamstorm.scenario..",
            "dev.streamstorm.cluster..",
            "dev.streamstorm.bench..",
            "dev.streamstorm.live..",
            "dev.streamstorm.benchserver..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.streamstorm.trial..")
        .allowEmptyShould(true)
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.streamstorm.trial..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.streamstorm.cli..",
            "dev.streamstorm.cluster..",
            "dev.streamstorm.bench..",
            "dev.streamstorm.live..",
            "dev.streamstorm.benchserver..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void engineDoesNotDependOnCliOrReport() {
    noClasses()
        .that()
        .resideInAPackage("dev.streamstorm.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.streamstorm.cli..", "dev.streamstorm.report..")
        .allowEmptyShould(true)
        .check(classes);
  }
}

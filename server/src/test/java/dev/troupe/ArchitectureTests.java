package dev.troupe;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@AnalyzeClasses(packages = "dev.troupe", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule controllersLeaveSqlToRepositories = noClasses()
		.that().areAnnotatedWith(RestController.class)
		.should().dependOnClassesThat().belongToAnyOf(JdbcClient.class,
				JdbcTemplate.class)
		.because("SQL lives in repositories, so transactions and row mapping are in one place per module");

	@ArchTest
	static final ArchRule oneErrorShape = classes()
		.that().areAnnotatedWith(RestControllerAdvice.class)
		.should().resideInAPackage("dev.troupe.shared")
		.because("every error is answered by one problem+json handler; modules throw ApiProblem instead");

	@ArchTest
	static final ArchRule constructorInjection = noFields()
		.should().beAnnotatedWith(Autowired.class)
		.because("constructor injection keeps each class's dependencies visible and lets tests build it by hand");

	@ArchTest
	static final ArchRule noConsoleOutput = noClasses()
		.should().accessField(System.class, "out").orShould().accessField(System.class, "err")
		.because("output goes through SLF4J so operators can route and filter it, and secrets are not printed by accident");

	@ArchTest
	static final ArchRule servicesDoNotSpeakHttp = noClasses()
		.that().haveSimpleNameEndingWith("Management")
		.should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..")
		.because("module APIs are called from other modules and background tasks, where there is no HTTP request");

	@ArchTest
	static final ArchRule responsesAreReadWithinLimits = noClasses()
		.that().doNotHaveFullyQualifiedName("dev.troupe.security.ResponseLimits")
		.and().doNotHaveFullyQualifiedName("dev.troupe.generation.backend.llamacpp.ModelDownloader")
		.should().callMethod(java.net.http.HttpResponse.BodyHandlers.class, "ofString")
		.orShould().callMethod(java.net.http.HttpResponse.BodyHandlers.class, "ofByteArray")
		.orShould().callMethod(java.net.http.HttpResponse.BodyHandlers.class, "ofInputStream")
		.because("a platform or backend answer is read through security.ResponseLimits, so a broken or hostile "
				+ "server cannot fill the heap (the model downloader streams to disk and checks a sha256)");

	@ArchTest
	static final ArchRule imagesAreDecodedWithinLimits = noClasses()
		.that().resideOutsideOfPackage("dev.troupe.media")
		.should().callMethod(javax.imageio.ImageIO.class, "read", java.io.InputStream.class)
		.orShould().callMethod(javax.imageio.ImageIO.class, "read", javax.imageio.stream.ImageInputStream.class)
		.because("media.ImageDecoding checks the canvas size before decoding; ImageIO.read would decode any size");

	@ArchTest
	static final ArchRule renditionsAreStreamedToPlatforms = noClasses()
		.that().resideInAPackage("dev.troupe.publishing..")
		.should().callMethod(dev.troupe.publishing.spi.PublishRequest.Media.class, "bytes")
		.orShould().callMethod(dev.troupe.media.MediaManagement.class, "bytes", java.util.UUID.class)
		.because("a rendition may be a video of gigabytes: adapters send it from its source (Media.body, a Multipart "
				+ "file part, a chunk's range), never as one array in the heap");

	@ArchTest
	static final ArchRule aPlatformAdapterIsUsedOnlyInsideItsPackage = slices()
		.matching("dev.troupe.publishing.platform.(*)..")
		.should().notDependOnEachOther()
		.ignoreDependency(resideInAPackage("dev.troupe.publishing.platform.."),
				resideInAPackage("dev.troupe.publishing.platform.meta.."))
		.because("a platform is one package: generic code and other adapters only see publishing.spi; platform.meta "
				+ "is the toolkit Meta's three APIs share (Graph client, errors, container flow), not a platform");

	@ArchTest
	static final ArchRule nothingOutsideThePlatformAdaptersNamesOne = noClasses()
		.that().resideOutsideOfPackage("dev.troupe.publishing.platform..")
		.should().dependOnClassesThat().resideInAPackage("dev.troupe.publishing.platform..")
		.because("generic code never names a platform; it reads the adapters' descriptors");

	@ArchTest
	static final ArchRule aBackendAdapterIsUsedOnlyInsideItsPackage = slices()
		.matching("dev.troupe.generation.backend.(*)..")
		.should().notDependOnEachOther()
		.ignoreDependency(resideInAPackage("dev.troupe.generation.backend.."),
				resideInAPackage("dev.troupe.generation.backend.text.."))
		.because("a backend type is one package; backend.text is the shared chat-API toolkit, not a backend");

	@ArchTest
	static final ArchRule nothingOutsideTheBackendAdaptersNamesOne = noClasses()
		.that().resideOutsideOfPackage("dev.troupe.generation.backend..")
		.should().dependOnClassesThat().resideInAPackage("dev.troupe.generation.backend..")
		.because("generic code never names a backend; it reads the factories' descriptors");

	@ArchTest
	static final ArchRule theSpisKnowNoAdapter = noClasses()
		.that().resideInAnyPackage("dev.troupe.publishing.spi..", "dev.troupe.generation.spi..")
		.should().dependOnClassesThat()
		.resideInAnyPackage("dev.troupe.publishing.platform..", "dev.troupe.generation.backend..")
		.because("the seams are written for adapters, never against one");
}

package dev.troupe.dashboard;

import java.io.IOException;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Static files of the dashboard; any other browser path (e.g. {@code /characters/42}) gets index.html so the
 * client-side router can show it. API, actuator and feed paths never fall back: they answer 404 themselves.
 */
@Configuration(proxyBeanMethods = false)
class DashboardResources implements WebMvcConfigurer {

	private static final Resource INDEX = new ClassPathResource("static/index.html");

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/**").addResourceLocations("classpath:/static/").resourceChain(true)
			.addResolver(new PathResourceResolver() {
				@Override
				protected Resource getResource(String path, Resource location) throws IOException {
					var resource = location.createRelative(path);
					if (resource.exists() && resource.isReadable()) {
						return resource;
					}
					boolean clientRoute = !path.startsWith("api/") && !path.startsWith("actuator")
							&& !path.startsWith("feeds/") && !path.startsWith("v3/") && !path.contains(".");
					return clientRoute && INDEX.exists() ? INDEX : null;
				}
			});
	}
}

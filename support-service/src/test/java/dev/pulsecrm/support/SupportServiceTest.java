package dev.pulsecrm.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The one Spring context of this module's integration tests (embedded MongoDB, MockMvc, in-process gRPC server
 * named {@value #GRPC_NAME}). Every integration test class uses exactly this, so the context is built once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = { SupportApplication.class, SupportTestConfiguration.class },
		properties = { "spring.grpc.server.inprocess.name=" + SupportServiceTest.GRPC_NAME,
				"spring.grpc.server.port=0" })
@AutoConfigureMockMvc
public @interface SupportServiceTest {

	String GRPC_NAME = "support-test";

}

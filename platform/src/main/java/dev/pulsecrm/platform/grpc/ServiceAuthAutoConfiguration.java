package dev.pulsecrm.platform.grpc;

import java.time.Clock;
import java.time.Duration;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GlobalClientInterceptor;
import org.springframework.grpc.server.GlobalServerInterceptor;

/**
 * gRPC between services is authenticated: callers attach a {@link ServiceToken}, servers refuse calls without a valid
 * one (UNAUTHENTICATED), except the standard health service that Kubernetes probes use. On when
 * {@code crm.grpc.auth.secret} is set.
 */
@AutoConfiguration
@ConditionalOnClass(GlobalServerInterceptor.class)
@Conditional(ServiceAuthAutoConfiguration.OnSecretConfigured.class)
public class ServiceAuthAutoConfiguration {

	static final Metadata.Key<String> TOKEN = Metadata.Key.of("x-crm-service-token", Metadata.ASCII_STRING_MARSHALLER);

	static final Duration LIFETIME = Duration.ofMinutes(5);

	private static final Log log = LogFactory.getLog(ServiceAuthAutoConfiguration.class);

	@Bean
	ServiceToken serviceToken(@Value("${crm.grpc.auth.secret}") String secret) {
		if (secret.length() < 16) {
			throw new IllegalStateException("crm.grpc.auth.secret must be at least 16 characters");
		}
		return new ServiceToken(secret, Clock.systemUTC());
	}

	@Bean
	@GlobalServerInterceptor
	ServerInterceptor serviceTokenCheck(ServiceToken tokens) {
		return new ServerInterceptor() {
			@Override
			public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
					ServerCallHandler<Q, R> next) {
				String method = call.getMethodDescriptor().getFullMethodName();
				if (method.startsWith("grpc.health.") || method.startsWith("grpc.reflection.")) {
					return next.startCall(call, headers);
				}
				if (tokens.verify(headers.get(TOKEN)) == null) {
					log.warn("refused gRPC call to " + method + " without a valid service token");
					call.close(Status.UNAUTHENTICATED.withDescription("a valid service token is required"),
							new Metadata());
					return new ServerCall.Listener<>() {
					};
				}
				return next.startCall(call, headers);
			}
		};
	}

	@Bean
	@GlobalClientInterceptor
	ClientInterceptor serviceTokenAttach(ServiceToken tokens,
			@Value("${spring.application.name:unknown}") String service) {
		return new ClientInterceptor() {
			@Override
			public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
					Channel next) {
				return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
					@Override
					public void start(Listener<R> listener, Metadata headers) {
						headers.put(TOKEN, tokens.issue(service, LIFETIME));
						super.start(listener, headers);
					}
				};
			}
		};
	}
	/** On when a non-blank secret is configured (an unset environment variable resolves to blank). */
	static class OnSecretConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String secret = context.getEnvironment().getProperty("crm.grpc.auth.secret", "");
			return secret.isBlank() ? ConditionOutcome.noMatch("crm.grpc.auth.secret is not set")
					: ConditionOutcome.match("crm.grpc.auth.secret is set");
		}
	}
}

package dev.pulsecrm.platform.json;

import java.time.Instant;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Request bodies of every service are read with {@link SafeText} rules for strings, and instants only as ISO-8601
 * text (a number was taken as epoch seconds: {@code 1e300} became 1970-01-01). Duplicate keys, fractions for whole
 * numbers and numbers for enums are refused too (platform defaults: {@code spring.jackson.read.*},
 * {@code spring.jackson.deserialization.*}).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(JsonMapperBuilderCustomizer.class)
public class JsonInputAutoConfiguration {

	@Bean
	JsonMapperBuilderCustomizer safeTextJsonCustomizer() {
		return (builder) -> builder.addModule(new SimpleModule("pulsecrm-json-input")
			.addDeserializer(String.class, new SafeText.Deserializer())
			.addDeserializer(Instant.class, new IsoInstantDeserializer()));
	}

	/** An instant from ISO-8601 text only, as the API documents it. */
	static final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {

		IsoInstantDeserializer() {
			super(Instant.class);
		}

		@Override
		public Instant deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.hasToken(JsonToken.VALUE_STRING)) {
				return InstantDeserializer.INSTANT.deserialize(parser, context);
			}
			return (Instant) context.handleUnexpectedToken(Instant.class, parser);
		}
	}
}

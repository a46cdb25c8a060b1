package dev.pulsecrm.kpi.api;

import java.math.BigDecimal;
import java.util.List;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** JSON numbers compared as decimals: 125, 125.0 and 125.00 are the same amount. */
final class JsonNumbers {

	private JsonNumbers() {
	}

	/** Matches a number equal to {@code expected}, or a one-element list of it (a JSONPath filter's result). */
	static Matcher<Object> number(String expected) {
		BigDecimal wanted = new BigDecimal(expected);
		return new TypeSafeMatcher<>() {

			@Override
			protected boolean matchesSafely(Object actual) {
				Object value = (actual instanceof List<?> list && list.size() == 1) ? list.get(0) : actual;
				return value instanceof Number number && new BigDecimal(number.toString()).compareTo(wanted) == 0;
			}

			@Override
			public void describeTo(Description description) {
				description.appendText("a number equal to " + expected);
			}
		};
	}
}

package dev.pulsecrm.demo.loading;

/** The platform refused part of the demo data set: loading stops, and the message says what and why. */
public class DemoLoadException extends RuntimeException {

	public DemoLoadException(String message) {
		super(message);
	}
}

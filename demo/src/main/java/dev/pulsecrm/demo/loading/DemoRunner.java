package dev.pulsecrm.demo.loading;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

import dev.pulsecrm.client.ApiProblemException;
import dev.pulsecrm.client.PulseCrmApiProperties;
import dev.pulsecrm.demo.story.DemoStory;
import dev.pulsecrm.demo.story.DemoStoryGenerator;
import feign.RetryableException;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * {@code --seed=N} (default 42): tells the story of that seed up to now and loads it, then prints what was loaded.
 * The exit code says whether it worked: 0 loaded (or the platform already had data), 1 refused or unreachable, 2
 * misconfigured.
 */
@Component
class DemoRunner implements ApplicationRunner, ExitCodeGenerator {

	static final long DEFAULT_SEED = 42;

	private final DemoLoader loader;

	private final PulseCrmApiProperties api;

	private final Clock clock = Clock.systemUTC();

	private final PrintStream out = System.out;

	private final PrintStream err = System.err;

	private int exitCode;

	DemoRunner(DemoLoader loader, PulseCrmApiProperties api) {
		this.loader = loader;
		this.api = api;
	}

	@Override
	public void run(ApplicationArguments args) {
		Long seed = seed(args.getOptionValues("seed"));
		if (seed == null) {
			return;
		}
		if (this.api.token() == null || this.api.token().isBlank()) {
			fail(2, "CRM_TOKEN is not set: give an ADMIN token, e.g. CRM_TOKEN=$(./crm token ADMIN --user demo)");
			return;
		}
		try {
			if (this.loader.platformHasData()) {
				this.out.println("The platform at " + this.api.url()
						+ " already has campaigns: the demo data set is not loaded again.");
				return;
			}
			DemoStory story = DemoStoryGenerator.generate(seed, this.clock.instant());
			this.out.println("Loading the demo data set (seed " + seed + ", " + story.end().minus(
					java.time.Duration.ofDays(365)).toString().substring(0, 10) + " to " + story.end()
						.toString()
						.substring(0, 10) + ") into " + this.api.url() + " ...");
			LoadSummary summary = this.loader.load(story);
			summary.table().forEach(this.out::println);
		}
		catch (DemoLoadException ex) {
			fail(1, "Demo data set NOT fully loaded: " + ex.getMessage());
		}
		catch (ApiProblemException ex) {
			fail(1, "Demo data set NOT fully loaded: the API answered " + ex.getMessage());
		}
		catch (RetryableException ex) {
			fail(1, "Demo data set NOT loaded: cannot reach " + this.api.url() + " (" + ex.getMessage() + ")");
		}
	}

	private Long seed(List<String> values) {
		if (values == null || values.isEmpty()) {
			return DEFAULT_SEED;
		}
		try {
			return Long.parseLong(values.get(values.size() - 1).trim());
		}
		catch (NumberFormatException ex) {
			fail(2, "--seed must be a whole number, not " + values.get(values.size() - 1));
			return null;
		}
	}

	private void fail(int code, String message) {
		this.exitCode = code;
		this.err.println(message);
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}
}

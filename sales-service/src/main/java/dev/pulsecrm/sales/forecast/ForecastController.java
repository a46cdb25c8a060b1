package dev.pulsecrm.sales.forecast;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/sales/forecast")
class ForecastController {

	private final ForecastService forecasts;

	ForecastController(ForecastService forecasts) {
		this.forecasts = forecasts;
	}

	@GetMapping
	@Operation(summary = "Open deals by expected-close month",
			description = "Expected close dates in [from, to) (to exclusive); one row per month and currency, "
					+ "weighted with the configured probability of each deal's current stage.")
	List<ForecastMonth> forecast(@RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) LocalDate to) {
		return this.forecasts.forecast(from, to);
	}
}

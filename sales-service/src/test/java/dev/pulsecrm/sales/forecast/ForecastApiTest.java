package dev.pulsecrm.sales.forecast;

import dev.pulsecrm.sales.SalesServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ForecastApiTest extends SalesServiceTest {

	private String deal(String accountId, String amount, String currency, String stage, String closeDate) {
		return postJson("/api/sales/deals", """
				{"accountId": "%s", "name": "x", "ownerId": "ann", "amount": {"amount": "%s", "currency": "%s"},
				 "type": "NEW_BUSINESS", "stage": "%s", "expectedCloseDate": "%s"}"""
			.formatted(accountId, amount, currency, stage, closeDate), 201).get("id").asString();
	}

	@Test
	void openDealsAreForecastByMonthAndCurrencyWeightedByTheirStage() {
		String accountId = createAccount("ann", unique("team"));
		// the forecast window is far in the future (3001) so no other test's deals fall into it
		deal(accountId, "1000.00", "USD", "QUALIFICATION", "3001-01-01"); // from is inclusive
		deal(accountId, "200.00", "USD", "NEGOTIATION", "3001-01-31");
		deal(accountId, "333.33", "EUR", "PROPOSAL", "3001-01-15");
		deal(accountId, "500.00", "USD", "PROPOSAL", "3001-02-10");
		deal(accountId, "999.00", "USD", "PROPOSAL", "3001-03-01"); // to is exclusive
		deal(accountId, "999.00", "USD", "PROPOSAL", "3000-12-31"); // before from
		String won = deal(accountId, "999.00", "USD", "PROPOSAL", "3001-01-20");
		postJson("/api/sales/deals/" + won + "/win", "{}", 200); // closed deals are not forecast

		JsonNode months = getJson("/api/sales/forecast?from=3001-01-01&to=3001-03-01", 200);
		assertThat(months.size()).isEqualTo(3);
		// 3001-01 EUR: 333.33 × 0.50 = 166.665 → 166.66 (half-even on cents)
		assertRow(months.get(0), "3001-01", 1, "333.33", "EUR", "166.66");
		// 3001-01 USD: 1000 × 0.10 + 200 × 0.75 = 100 + 150 = 250
		assertRow(months.get(1), "3001-01", 2, "1200.00", "USD", "250.00");
		// 3001-02 USD: 500 × 0.50 = 250
		assertRow(months.get(2), "3001-02", 1, "500.00", "USD", "250.00");
	}

	@Test
	void theForecastPeriodIsRequiredAndOrdered() {
		getJson("/api/sales/forecast?from=3001-01-01", 400);
		getJson("/api/sales/forecast?from=3001-02-01&to=3001-01-01", 422);
		getJson("/api/sales/forecast?from=yesterday&to=3001-01-01", 400);
		assertThat(getJson("/api/sales/forecast?from=3500-01-01&to=3500-02-01", 200).size()).isZero();
	}

	private static void assertRow(JsonNode row, String month, int deals, String amount, String currency,
			String weighted) {
		assertThat(row.get("month").asString()).isEqualTo(month);
		assertThat(row.get("deals").asInt()).isEqualTo(deals);
		assertThat(row.get("amount").get("amount").decimalValue()).isEqualByComparingTo(amount);
		assertThat(row.get("amount").get("currency").asString()).isEqualTo(currency);
		assertThat(row.get("weightedAmount").get("amount").decimalValue()).isEqualByComparingTo(weighted);
		assertThat(row.get("weightedAmount").get("currency").asString()).isEqualTo(currency);
	}
}

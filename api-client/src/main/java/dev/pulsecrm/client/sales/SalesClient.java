package dev.pulsecrm.client.sales;

import java.time.LocalDate;
import java.util.List;

import dev.pulsecrm.client.ImportReport;
import dev.pulsecrm.client.Page;
import dev.pulsecrm.client.PulseCrmFeignConfiguration;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sales API ({@code /api/sales}) through the gateway. Filters passed as null are left out; errors are thrown as
 * {@link dev.pulsecrm.client.ApiProblemException}.
 */
@FeignClient(name = "sales", url = "${pulsecrm.api.url:http://localhost:8080}", path = "/api/sales",
		configuration = PulseCrmFeignConfiguration.class)
public interface SalesClient {

	@PostMapping("/accounts")
	Account createAccount(@RequestBody CreateAccount command);

	@GetMapping("/accounts")
	Page<Account> listAccounts(@RequestParam(required = false) AccountStatus status,
			@RequestParam(required = false) String ownerId, @RequestParam(required = false) String team,
			@RequestParam(required = false) String region, @RequestParam(required = false) String segment,
			@RequestParam int page, @RequestParam int size);

	@GetMapping("/accounts/{id}")
	Account getAccount(@PathVariable String id);

	@PostMapping("/accounts/{id}/churn")
	Account churn(@PathVariable String id, @RequestBody ChurnAccount command);

	@GetMapping("/pipeline")
	Pipeline getPipeline();

	@PutMapping("/pipeline")
	Pipeline replacePipeline(@RequestBody Pipeline pipeline);

	@PostMapping("/deals")
	Deal createDeal(@RequestBody CreateDeal command);

	@GetMapping("/deals")
	Page<Deal> listDeals(@RequestParam(required = false) DealStatus status,
			@RequestParam(required = false) String stage, @RequestParam(required = false) String ownerId,
			@RequestParam(required = false) String team, @RequestParam(required = false) String accountId,
			@RequestParam int page, @RequestParam int size);

	@GetMapping("/deals/{id}")
	Deal getDeal(@PathVariable String id);

	@PostMapping("/deals/{id}/stage")
	Deal moveDeal(@PathVariable String id, @RequestBody MoveDeal command);

	@PostMapping("/deals/{id}/win")
	Deal winDeal(@PathVariable String id, @RequestBody WinDeal command);

	@PostMapping("/deals/{id}/lose")
	Deal loseDeal(@PathVariable String id, @RequestBody LoseDeal command);

	@PostMapping("/activities")
	Activity createActivity(@RequestBody CreateActivity command);

	@GetMapping("/activities")
	Page<Activity> listActivities(@RequestParam(required = false) Boolean overdue,
			@RequestParam(required = false) String ownerId, @RequestParam(required = false) String dealId,
			@RequestParam(required = false) String accountId, @RequestParam int page, @RequestParam int size);

	@GetMapping("/activities/{id}")
	Activity getActivity(@PathVariable String id);

	@PostMapping("/activities/{id}/complete")
	Activity completeActivity(@PathVariable String id, @RequestBody CompleteActivity command);

	/** Open deals by expected-close month in [from, to). */
	@GetMapping("/forecast")
	List<ForecastMonth> forecast(@RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) LocalDate to);

	/** Bulk import: NDJSON lines of docs/import-format.md (account, deal, stage, win, lose, churn, activity). */
	@PostMapping(path = "/import", consumes = "application/x-ndjson")
	ImportReport importLines(@RequestBody String ndjson);
}

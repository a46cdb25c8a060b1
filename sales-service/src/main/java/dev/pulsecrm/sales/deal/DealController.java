package dev.pulsecrm.sales.deal;

import dev.pulsecrm.platform.web.PageResponse;
import dev.pulsecrm.sales.deal.Deal.DealStatus;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/sales/deals")
class DealController {

	private final DealService deals;

	DealController(DealService deals) {
		this.deals = deals;
	}

	@PostMapping
	ResponseEntity<Deal> create(@Valid @RequestBody CreateDeal command) {
		DealService.Created created = this.deals.create(command);
		return ResponseEntity.status(created.isNew() ? HttpStatus.CREATED : HttpStatus.OK).body(created.deal());
	}

	@GetMapping
	PageResponse<Deal> list(@RequestParam(required = false) DealStatus status,
			@RequestParam(required = false) String stage, @RequestParam(required = false) String ownerId,
			@RequestParam(required = false) String team, @RequestParam(required = false) String accountId,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.deals.list(status, stage, ownerId, team, accountId, page, size);
	}

	@GetMapping("/{id}")
	Deal get(@PathVariable String id) {
		return this.deals.get(id);
	}

	@PostMapping("/{id}/stage")
	Deal move(@PathVariable String id, @Valid @RequestBody MoveDeal command) {
		return this.deals.move(id, command);
	}

	@PostMapping("/{id}/win")
	Deal win(@PathVariable String id, @RequestBody(required = false) WinDeal command) {
		return this.deals.win(id, command == null ? new WinDeal(null, null) : command);
	}

	@PostMapping("/{id}/lose")
	Deal lose(@PathVariable String id, @Valid @RequestBody LoseDeal command) {
		return this.deals.lose(id, command);
	}
}

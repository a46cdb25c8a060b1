package dev.pulsecrm.sales.deal;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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

	@GetMapping("/{id}")
	Deal get(@PathVariable String id) {
		return this.deals.get(id);
	}

	@PostMapping("/{id}/win")
	Deal win(@PathVariable String id, @RequestBody(required = false) WinDeal command) {
		return this.deals.win(id, command == null ? new WinDeal(null, null) : command);
	}
}

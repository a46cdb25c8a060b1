package dev.pulsecrm.marketing.subscription;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SubscriptionController {

	private final SubscriptionService subscriptions;

	SubscriptionController(SubscriptionService subscriptions) {
		this.subscriptions = subscriptions;
	}

	@PostMapping("/api/marketing/subscriptions")
	ResponseEntity<SubscriptionEvent> record(@Valid @RequestBody RecordSubscription command) {
		return this.subscriptions.record(command).response();
	}
}

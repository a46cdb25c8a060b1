package dev.pulsecrm.marketing.engagement;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SendTimeController {

	private final SendTimeService sendTime;

	SendTimeController(SendTimeService sendTime) {
		this.sendTime = sendTime;
	}

	@GetMapping("/api/marketing/send-time")
	SendTime best(@RequestParam(required = false) String segment) {
		return this.sendTime.best(segment);
	}
}

package dev.pulsecrm.sales.account;

import dev.pulsecrm.platform.web.PageResponse;
import dev.pulsecrm.sales.account.Account.AccountStatus;
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
@RequestMapping("/api/sales/accounts")
class AccountController {

	private final AccountService accounts;

	AccountController(AccountService accounts) {
		this.accounts = accounts;
	}

	@PostMapping
	ResponseEntity<Account> create(@Valid @RequestBody CreateAccount command) {
		AccountService.Created created = this.accounts.create(command);
		return ResponseEntity.status(created.isNew() ? HttpStatus.CREATED : HttpStatus.OK).body(created.account());
	}

	@GetMapping
	PageResponse<Account> list(@RequestParam(required = false) AccountStatus status,
			@RequestParam(required = false) String ownerId, @RequestParam(required = false) String team,
			@RequestParam(required = false) String region, @RequestParam(required = false) String segment,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.accounts.list(status, ownerId, team, region, segment, page, size);
	}

	@GetMapping("/{id}")
	Account get(@PathVariable String id) {
		return this.accounts.get(id);
	}

	@PostMapping("/{id}/churn")
	Account churn(@PathVariable String id, @Valid @RequestBody ChurnAccount command) {
		return this.accounts.churn(id, command);
	}
}

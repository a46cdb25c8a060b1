package dev.pulsecrm.client.sales;

public enum AccountStatus {

	PROSPECT, CUSTOMER, CHURNED

}

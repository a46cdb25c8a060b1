package dev.pulsecrm.client;

import dev.pulsecrm.client.kpi.KpiClient;
import dev.pulsecrm.client.marketing.MarketingClient;
import dev.pulsecrm.client.sales.SalesClient;
import dev.pulsecrm.client.support.SupportClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignAutoConfiguration;

/**
 * Makes {@link SalesClient}, {@link MarketingClient}, {@link SupportClient} and {@link KpiClient} injectable in any
 * Spring Boot application that has this library on its classpath; set {@code pulsecrm.api.url} and
 * {@code pulsecrm.api.token}.
 */
@AutoConfiguration(after = FeignAutoConfiguration.class)
@EnableConfigurationProperties(PulseCrmApiProperties.class)
@EnableFeignClients(clients = { SalesClient.class, MarketingClient.class, SupportClient.class, KpiClient.class })
public class PulseCrmClientAutoConfiguration {

}

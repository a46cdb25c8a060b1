package dev.pulsecrm.gateway.routing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StaticInstances.class)
class RoutingConfiguration {

}

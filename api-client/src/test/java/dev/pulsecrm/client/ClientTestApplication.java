package dev.pulsecrm.client;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A bare application, as a department app would be: the clients come from the library's auto-configuration. */
@SpringBootConfiguration
@EnableAutoConfiguration
class ClientTestApplication {

}

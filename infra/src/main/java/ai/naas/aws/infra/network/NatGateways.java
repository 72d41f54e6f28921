package ai.naas.aws.infra.network;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How private subnets reach the internet. */
public enum NatGateways {
    /** One NAT gateway per zone: a zone outage does not cut the others off. For prod. */
    @JsonProperty("perZone") PER_ZONE,
    /** One NAT gateway shared by the three zones: cheaper, for dev. */
    @JsonProperty("single") SINGLE
}

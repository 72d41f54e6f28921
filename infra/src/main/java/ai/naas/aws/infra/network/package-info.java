/**
 * The VPC over three zones: public and private subnets, NAT, flow logs.
 */
package ai.naas.aws.infra.network;

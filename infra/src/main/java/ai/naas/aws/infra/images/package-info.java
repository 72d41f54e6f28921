/**
 * The image cache: Docker Hub's images pulled once into the stack's ECR registry (a pull-through cache), so that
 * node scale-ups and deploys do not hit Docker Hub's anonymous pull limit. See docs/IMAGES.md.
 */
package ai.naas.aws.infra.images;

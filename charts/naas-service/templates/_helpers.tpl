{{/*
The app.kubernetes.io/name label: the service ("proxy", "notifications", ...) when nameOverride says so.
*/}}
{{- define "naas-service.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Name of every object: the release name, suffixed with the service name unless it already contains it
(release naas-proxy with nameOverride proxy gives naas-proxy). 63 characters at most, a DNS label's limit.
*/}}
{{- define "naas-service.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := include "naas-service.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Labels of every object. The version is the image tag actually deployed (appVersion is informative only),
cut to a valid label value.
*/}}
{{- define "naas-service.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "naas-service.selectorLabels" . }}
app.kubernetes.io/version: {{ regexReplaceAll "[-_.]+$" (.Values.image.tag | trunc 63) "" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: naas
{{- end }}

{{/*
Selector labels: name and instance only, the labels that never change over a release's life
(a Deployment's selector is immutable).
*/}}
{{- define "naas-service.selectorLabels" -}}
app.kubernetes.io/name: {{ include "naas-service.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "naas-service.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "naas-service.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Resources: all four figures are required, so that no service lands on the shared naas pool unbounded or
invisible to the scheduler and the cluster-autoscaler.
*/}}
{{- define "naas-service.resources" -}}
{{- $resources := .Values.resources | default dict }}
{{- $requests := $resources.requests | default dict }}
{{- $limits := $resources.limits | default dict }}
{{- $hint := "set resources.requests.cpu, resources.requests.memory, resources.limits.cpu and resources.limits.memory" }}
{{- $_ := required (printf "resources.requests.cpu is required: %s" $hint) $requests.cpu }}
{{- $_ := required (printf "resources.requests.memory is required: %s" $hint) $requests.memory }}
{{- $_ := required (printf "resources.limits.cpu is required: %s" $hint) $limits.cpu }}
{{- $_ := required (printf "resources.limits.memory is required: %s" $hint) $limits.memory }}
{{- toYaml $resources }}
{{- end }}

{{/*
One probe, from a dict: "probes" (.Values.probes, whose type picks the handler) and "timing" (its liveness
or readiness settings).
*/}}
{{- define "naas-service.probe" -}}
{{- if eq .probes.type "httpGet" -}}
httpGet:
  path: {{ .probes.path }}
  port: {{ .probes.port }}
{{- else -}}
tcpSocket:
  port: {{ .probes.port }}
{{- end }}
{{- with .timing }}
{{ toYaml . }}
{{- end }}
{{- end }}

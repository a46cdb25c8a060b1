{{/*
Chart name, truncated to the 63 characters a label value allows.
*/}}
{{- define "pulse-crm.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Prefix of every resource name: "<release>-<chart>", or just the release when it already contains the chart name.
*/}}
{{- define "pulse-crm.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart label value: "<chart>-<version>".
*/}}
{{- define "pulse-crm.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every object of the release.
*/}}
{{- define "pulse-crm.labels" -}}
helm.sh/chart: {{ include "pulse-crm.chart" . }}
{{ include "pulse-crm.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: pulse-crm
{{- end }}

{{/*
Selector labels of the release (every pod of the chart has them).
*/}}
{{- define "pulse-crm.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pulse-crm.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels of one component. Call with (dict "root" $ "component" "sales-service").
*/}}
{{- define "pulse-crm.componentLabels" -}}
{{ include "pulse-crm.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Selector labels of one component. Call with (dict "root" $ "component" "sales-service").
*/}}
{{- define "pulse-crm.componentSelectorLabels" -}}
{{ include "pulse-crm.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Name of a component's objects: "<fullname>-<component>". Call with (dict "root" $ "component" "sales-service").
*/}}
{{- define "pulse-crm.componentName" -}}
{{- printf "%s-%s" (include "pulse-crm.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Headless Service of a component's gRPC port; clients resolve every pod from it (dns:///, round robin).
*/}}
{{- define "pulse-crm.grpcServiceName" -}}
{{- printf "%s-%s-grpc" (include "pulse-crm.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Image reference of a service. Call with (dict "root" $ "service" $svc).
*/}}
{{- define "pulse-crm.image" -}}
{{- $tag := .service.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- if .root.Values.image.registry }}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.image.registry) .service.repository $tag }}
{{- else }}
{{- printf "%s:%s" .service.repository $tag }}
{{- end }}
{{- end }}

{{/*
Upper-case env prefix of a service key: "sales-service" -> "SALES".
*/}}
{{- define "pulse-crm.envPrefix" -}}
{{- . | trimSuffix "-service" | upper | replace "-" "_" }}
{{- end }}

{{/*
In-chart MongoDB names.
*/}}
{{- define "pulse-crm.mongodbName" -}}
{{- printf "%s-mongodb" (include "pulse-crm.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "pulse-crm.serviceAuthSecretName" -}}
{{- .Values.serviceAuth.existingSecret | default (printf "%s-service-auth" (include "pulse-crm.fullname" .)) }}
{{- end }}

{{- define "pulse-crm.mongodbSecretName" -}}
{{- .Values.mongodb.auth.existingSecret | default (include "pulse-crm.mongodbName" .) }}
{{- end }}

{{/*
Environment of a service held in its ConfigMap (everything but secrets).
Call with (dict "root" $ "component" $name "service" $svc).
*/}}
{{- define "pulse-crm.configData" -}}
{{- $root := .root }}
{{- $env := dict }}
{{- $_ := set $env "SERVER_PORT" ($root.Values.common.httpPort | toString) }}
{{- $_ := set $env "MANAGEMENT_SERVER_PORT" ($root.Values.common.managementPort | toString) }}
{{- if .service.grpc }}
{{- $_ := set $env "SPRING_GRPC_SERVER_PORT" ($root.Values.common.grpcPort | toString) }}
{{- $_ := set $env "SPRING_GRPC_SERVER_KEEPALIVE_CONNECTION_MAX_AGE" $root.Values.common.grpcMaxConnectionAge }}
{{- end }}
{{- $_ := set $env "CRM_JWT_ISSUER_URI" $root.Values.jwt.issuerUri }}
{{- $_ := set $env "CRM_JWT_JWK_SET_URI" $root.Values.jwt.jwkSetUri }}
{{- $_ := set $env "JAVA_TOOL_OPTIONS" (.service.javaToolOptions | default $root.Values.common.javaToolOptions) }}
{{- range $peer := .service.grpcPeers }}
{{- $_ := set $env (printf "%s_GRPC_TARGET" (include "pulse-crm.envPrefix" $peer)) (printf "dns:///%s.%s.svc.cluster.local:%v" (include "pulse-crm.grpcServiceName" (dict "root" $root "component" $peer)) $root.Release.Namespace $root.Values.common.grpcPort) }}
{{- end }}
{{- range $peer := .service.httpPeers }}
{{- $_ := set $env (printf "%s_URL" (include "pulse-crm.envPrefix" $peer)) (printf "http://%s:%v" (include "pulse-crm.componentName" (dict "root" $root "component" $peer)) $root.Values.common.httpPort) }}
{{- end }}
{{- $env = merge (deepCopy .service.env) (deepCopy $root.Values.common.env) $env }}
{{- range $key := keys $env | sortAlpha }}
{{ $key }}: {{ get $env $key | toString | quote }}
{{- end }}
{{- end }}

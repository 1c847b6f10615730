{{- define "ic-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "ic-operator.serviceAccountName" -}}
{{- default (include "ic-operator.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "ic-operator.selectorLabels" -}}
app.kubernetes.io/name: ic-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "ic-operator.labels" -}}
{{ include "ic-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Two replicas without a Lease would both reconcile the same canisters: refuse that combination. */}}
{{- define "ic-operator.leaderElect" -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.leaderElection.enabled) -}}
{{- fail (printf "leaderElection.enabled: false needs replicaCount: 1 (found %d): more replicas would reconcile the same resources at once" (int .Values.replicaCount)) -}}
{{- end -}}
{{- .Values.leaderElection.enabled -}}
{{- end -}}

{{- define "ic-operator.roleKind" -}}
{{- if .Values.watchNamespace -}}Role{{- else -}}ClusterRole{{- end -}}
{{- end -}}

/// Steady's default templates: the same names and titles as Alertmanager's `default.tmpl` (so configurations that
/// reference `slack.default.title` or `__subject` keep working), with Steady as the sender and its own plain HTML and
/// text email bodies.
enum DefaultTemplates {
    static let source = #"""
        {{ define "__alertmanager" }}Steady{{ end }}
        {{ define "__alertmanagerURL" }}{{ .ExternalURL }}/#/alerts?receiver={{ .Receiver | urlquery }}{{ end }}

        {{ define "__subject" }}[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .GroupLabels.SortedPairs.Values | join " " }} {{ if gt (len .CommonLabels) (len .GroupLabels) }}({{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Values | join " " }}{{ end }}){{ end }}{{ end }}
        {{ define "__description" }}{{ end }}

        {{ define "__text_alert_list" }}{{ range . }}Labels:
        {{ range .Labels.SortedPairs }} - {{ .Name }} = {{ .Value }}
        {{ end }}Annotations:
        {{ range .Annotations.SortedPairs }} - {{ .Name }} = {{ .Value }}
        {{ end }}Source: {{ .GeneratorURL }}
        {{ end }}{{ end }}

        {{ define "slack.default.title" }}{{ template "__subject" . }}{{ end }}
        {{ define "slack.default.username" }}{{ template "__alertmanager" . }}{{ end }}
        {{ define "slack.default.fallback" }}{{ template "slack.default.title" . }} | {{ template "slack.default.titlelink" . }}{{ end }}
        {{ define "slack.default.callbackid" }}{{ end }}
        {{ define "slack.default.pretext" }}{{ end }}
        {{ define "slack.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{ define "slack.default.iconemoji" }}{{ end }}
        {{ define "slack.default.iconurl" }}{{ end }}
        {{ define "slack.default.text" }}{{ end }}
        {{ define "slack.default.footer" }}{{ end }}

        {{ define "pagerduty.default.description" }}{{ template "__subject" . }}{{ end }}
        {{ define "pagerduty.default.client" }}{{ template "__alertmanager" . }}{{ end }}
        {{ define "pagerduty.default.clientURL" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{ define "pagerduty.default.instances" }}{{ template "__text_alert_list" . }}{{ end }}

        {{ define "email.default.subject" }}{{ template "__subject" . }}{{ end }}

        {{ define "email.default.text" -}}
        {{ template "__subject" . }}

        {{ if gt (len .Alerts.Firing) 0 -}}
        Firing ({{ .Alerts.Firing | len }}):

        {{ template "__text_alert_list" .Alerts.Firing }}
        {{ end -}}
        {{ if gt (len .Alerts.Resolved) 0 -}}
        Resolved ({{ .Alerts.Resolved | len }}):

        {{ template "__text_alert_list" .Alerts.Resolved }}
        {{ end -}}
        View in {{ template "__alertmanager" . }}: {{ template "__alertmanagerURL" . }}
        {{ end }}

        {{ define "__email_alert_html" }}{{ range . }}
        <tr><td style="padding:12px 16px;border-top:1px solid #e5e5e5">
        <div style="font-weight:600">{{ .Labels.alertname }}</div>
        <table style="font-size:13px;margin-top:4px">{{ range .Labels.SortedPairs }}
        <tr><td style="color:#666;padding-right:12px">{{ .Name }}</td><td>{{ .Value }}</td></tr>{{ end }}
        </table>{{ if gt (len .Annotations) 0 }}
        <table style="font-size:13px;margin-top:8px">{{ range .Annotations.SortedPairs }}
        <tr><td style="color:#666;padding-right:12px;vertical-align:top">{{ .Name }}</td><td>{{ .Value }}</td></tr>{{ end }}
        </table>{{ end }}{{ if .GeneratorURL }}
        <div style="margin-top:8px;font-size:13px"><a href="{{ .GeneratorURL }}">Source</a> · started {{ .StartsAt.Format "2006-01-02 15:04:05 MST" }}</div>{{ end }}
        </td></tr>{{ end }}{{ end }}

        {{ define "email.default.html" -}}
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>{{ template "__subject" . }}</title></head>
        <body style="margin:0;padding:24px;background:#f6f6f6;font-family:-apple-system,'Helvetica Neue',Helvetica,Arial,sans-serif;font-size:14px;color:#222">
        <table style="max-width:640px;width:100%;margin:0 auto;background:#fff;border:1px solid #e5e5e5;border-radius:4px;border-collapse:collapse">
        <tr><td style="padding:16px;background:{{ if eq .Status "firing" }}#d9480f{{ else }}#2b8a3e{{ end }};color:#fff;font-size:16px;font-weight:600">{{ template "__subject" . }}</td></tr>
        {{- if gt (len .Alerts.Firing) 0 }}
        <tr><td style="padding:12px 16px;font-weight:600">Firing ({{ .Alerts.Firing | len }})</td></tr>
        {{- template "__email_alert_html" .Alerts.Firing }}{{ end }}
        {{- if gt (len .Alerts.Resolved) 0 }}
        <tr><td style="padding:12px 16px;font-weight:600">Resolved ({{ .Alerts.Resolved | len }})</td></tr>
        {{- template "__email_alert_html" .Alerts.Resolved }}{{ end }}
        <tr><td style="padding:16px;border-top:1px solid #e5e5e5"><a href="{{ template "__alertmanagerURL" . }}">View in {{ template "__alertmanager" . }}</a></td></tr>
        </table>
        </body></html>
        {{ end }}
        """#
}

import Yams

/// Replaces the values of secret settings in the Alertmanager-shaped sections with `<secret>` before they are kept
/// as text (`/api/v2/status`, `steady routes`), as Alertmanager does for its `Secret` and `SecretURL` fields.
enum SecretRedaction {
    static let placeholder = "<secret>"

    /// Keys whose values are secrets wherever they appear.
    static let secretKeys: Set<String> = [
        "password", "bearer_token", "credentials", "client_secret", "smtp_auth_password", "smtp_auth_secret",
        "slack_api_url", "opsgenie_api_key", "wechat_api_secret", "victorops_api_key", "auth_password", "auth_secret",
        "api_url", "routing_key", "service_key", "api_key", "user_key", "token", "bot_token", "webhook_url",
        "secret_key", "api_secret", "hmac_secret",
    ]

    /// Keys that are secrets only inside these lists (a webhook URL often embeds a token).
    static let secretKeysInside: [String: Set<String>] = ["webhook_configs": ["url"]]

    /// Keys that are secrets only directly inside these mappings (`tls_config.key`, Prometheus's `Secret`).
    static let secretKeysInMapping: [String: Set<String>] = ["tls_config": ["key"]]

    static func redacted(_ node: Node, within list: String? = nil, parent: String? = nil) -> Node {
        switch node {
        case .mapping(var mapping):
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { continue }
                let isSecret =
                    secretKeys.contains(name) || (list.flatMap { secretKeysInside[$0] }?.contains(name) ?? false)
                    || (parent.flatMap { secretKeysInMapping[$0] }?.contains(name) ?? false)
                if isSecret, value.scalar != nil, !(value.scalar?.string.isEmpty ?? true) {
                    mapping[key] = Node(placeholder)
                } else {
                    mapping[key] = redacted(value, within: value.sequence != nil ? name : list, parent: name)
                }
            }
            return .mapping(mapping)
        case .sequence(var sequence):
            for index in sequence.indices {
                sequence[index] = redacted(sequence[index], within: list)
            }
            return .sequence(sequence)
        default:
            return node
        }
    }
}

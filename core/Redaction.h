#pragma once
// Keeps secrets out of logs: credentials and tokens in URLs, key=value pairs and properties
// whose names say password/secret/token. Pure functions, any thread.

#include <QString>
#include <QStringView>

namespace wt {

inline constexpr char kRedacted[] = "***";

// True for names like "sasl.password", "ssl.key.password", "client_secret", "access_token", "apikey".
bool isSensitiveKey(QStringView key);
// https://user:pw@host/p?token=abc&x=1 -> https://user:***@host/p?token=***&x=1
QString redactUrl(const QString& url);
// Value replaced by *** when the key is sensitive, else unchanged.
QString redactProperty(const QString& key, const QString& value);
// Free text: every URL redacted, sensitive key=value / key: value pairs and Bearer tokens masked.
QString redactText(const QString& text);

} // namespace wt

#include "Redaction.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace wt {

namespace {

const QRegularExpression& sensitiveKeyRe()
{
    static const QRegularExpression re(
        QStringLiteral("passw(or)?d|passwd|secret|token|api[_.-]?key|(^|[_.-])auth([_.-]|$)|authorization|credential|private[_.-]?key|"
                       "(^|[_.-])sig(nature)?($|[_.-])|session|cookie"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

} // namespace

bool isSensitiveKey(QStringView key)
{
    return sensitiveKeyRe().match(key.toString()).hasMatch();
}

QString redactUrl(const QString& input)
{
    // The password of user:password@ first, on the text: Kafka-style schemes such as
    // "sasl_ssl://" are not valid URL schemes for QUrl, and they must be cleaned all the same.
    static const QRegularExpression userinfoRe(QStringLiteral("^([^:/?#\\s]+://[^/?#@\\s:]*:)[^/?#@\\s]+@"));
    QString url = input;
    url.replace(userinfoRe, QStringLiteral("\\1***@"));
    QUrl u(url, QUrl::TolerantMode);
    if (!u.isValid() || u.scheme().isEmpty() || !u.hasQuery())
        return url;
    bool changed = false;
    if (u.hasQuery()) {
        QUrlQuery q(u);
        auto items = q.queryItems(QUrl::FullyEncoded);
        for (auto& [k, v] : items) {
            if (isSensitiveKey(k) && !v.isEmpty()) {
                v = QString::fromLatin1(kRedacted);
                changed = true;
            }
        }
        if (changed) {
            QUrlQuery out;
            out.setQueryItems(items);
            u.setQuery(out.query(QUrl::FullyEncoded), QUrl::StrictMode);
        }
    }
    if (!changed)
        return url;
    return u.toString(QUrl::FullyEncoded);
}

QString redactProperty(const QString& key, const QString& value)
{
    return isSensitiveKey(key) ? QString::fromLatin1(kRedacted) : value;
}

QString redactText(const QString& text)
{
    static const QRegularExpression urlRe(QStringLiteral("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]+"));
    static const QRegularExpression bearerRe(QStringLiteral("\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]+"),
                                             QRegularExpression::CaseInsensitiveOption);
    // key=value or key: value where the key is sensitive (e.g. -X sasl.password=hunter2).
    static const QRegularExpression pairRe(QStringLiteral("([A-Za-z0-9_.-]+)(\\s*[=:]\\s*)(\"[^\"]*\"|[^\\s,;&\"]+)"));

    QString out;
    out.reserve(text.size());
    qsizetype last = 0;
    auto it = urlRe.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        out += redactUrl(m.captured(0));
        last = m.capturedEnd();
    }
    out += text.mid(last);

    out.replace(bearerRe, QStringLiteral("\\1 ***"));

    QString result;
    result.reserve(out.size());
    last = 0;
    auto pairs = pairRe.globalMatch(out);
    while (pairs.hasNext()) {
        const auto m = pairs.next();
        // Skip pairs inside a URL (already handled) such as "https://host:443".
        if (m.captured(2).startsWith(QLatin1Char(':')) && m.captured(3).startsWith(QLatin1String("//")))
            continue;
        if (!isSensitiveKey(m.captured(1)) || m.captured(3) == QLatin1String(kRedacted))
            continue;
        result += out.mid(last, m.capturedStart(3) - last);
        result += QLatin1String(kRedacted);
        last = m.capturedEnd(3);
    }
    result += out.mid(last);
    return result;
}

} // namespace wt

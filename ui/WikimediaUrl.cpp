#include "WikimediaUrl.h"

#include <array>

namespace wt::ui::url {

namespace {
constexpr std::array<const char*, 13> kDomains = {
    "wikipedia.org",  "wikimedia.org", "wikidata.org",  "wiktionary.org", "wikibooks.org",
    "wikinews.org",   "wikiquote.org", "wikisource.org", "wikiversity.org", "wikivoyage.org",
    "mediawiki.org",  "wikifunctions.org", "wikimediafoundation.org"};

// Database-name suffixes (longest first) and the project domain they live on.
struct Family {
    const char* suffix;
    const char* domain;
};
constexpr std::array<Family, 9> kFamilies = {{{"wiktionary", "wiktionary.org"},
                                              {"wikibooks", "wikibooks.org"},
                                              {"wikinews", "wikinews.org"},
                                              {"wikiquote", "wikiquote.org"},
                                              {"wikisource", "wikisource.org"},
                                              {"wikiversity", "wikiversity.org"},
                                              {"wikivoyage", "wikivoyage.org"},
                                              {"wikimedia", "wikimedia.org"},
                                              {"wiki", "wikipedia.org"}}};

bool isHostLabel(const QString& s)
{
    if (s.isEmpty() || s.size() > 63)
        return false;
    for (QChar c : s)
        if (!(c.isLower() && c.unicode() < 128) && !c.isDigit() && c != QLatin1Char('-'))
            return false;
    return true;
}

QString encodeSegment(const QString& text)
{
    QString underscored = text.trimmed();
    underscored.replace(QLatin1Char(' '), QLatin1Char('_'));
    // ':' keeps namespaces readable; '/' keeps subpages; everything else reserved is encoded.
    return QString::fromLatin1(QUrl::toPercentEncoding(underscored, ":/_()!,*'-."));
}

QUrl build(const QString& host, const QString& path)
{
    QUrl candidate = QUrl::fromEncoded(
        QStringLiteral("https://%1%2").arg(host, path).toLatin1(), QUrl::StrictMode);
    return isWikimedia(candidate) ? candidate : QUrl();
}
} // namespace

bool isWikimedia(const QUrl& url)
{
    if (!url.isValid() || url.scheme() != QLatin1String("https") || !url.userInfo().isEmpty())
        return false;
    if (url.port() != -1 && url.port() != 443)
        return false;
    const QString host = url.host().toLower();
    for (const char* domain : kDomains) {
        const QLatin1String d(domain);
        if (host == d || (host.endsWith(d) && host.size() > d.size() &&
                          host.at(host.size() - d.size() - 1) == QLatin1Char('.')))
            return true;
    }
    return false;
}

QString hostForWiki(const std::string& wikiName)
{
    const QString wiki = QString::fromStdString(wikiName);
    if (wiki == QLatin1String("wikidatawiki"))
        return QStringLiteral("www.wikidata.org");
    if (wiki == QLatin1String("commonswiki"))
        return QStringLiteral("commons.wikimedia.org");
    if (wiki == QLatin1String("metawiki"))
        return QStringLiteral("meta.wikimedia.org");
    if (wiki == QLatin1String("specieswiki"))
        return QStringLiteral("species.wikimedia.org");
    if (wiki == QLatin1String("mediawikiwiki"))
        return QStringLiteral("www.mediawiki.org");
    if (wiki == QLatin1String("wikifunctionswiki"))
        return QStringLiteral("www.wikifunctions.org");
    for (const Family& family : kFamilies) {
        const QLatin1String suffix(family.suffix);
        if (!wiki.endsWith(suffix) || wiki.size() == suffix.size())
            continue;
        QString lang = wiki.left(wiki.size() - suffix.size());
        lang.replace(QLatin1Char('_'), QLatin1Char('-')); // zh_yuewiki -> zh-yue.wikipedia.org
        if (!isHostLabel(lang))
            return {};
        return lang + QLatin1Char('.') + QLatin1String(family.domain);
    }
    return {};
}

QUrl page(const QString& host, const QString& title)
{
    if (host.isEmpty() || title.trimmed().isEmpty())
        return {};
    return build(host, QStringLiteral("/wiki/") + encodeSegment(title));
}

QUrl contributions(const QString& host, const QString& user)
{
    if (host.isEmpty() || user.trimmed().isEmpty())
        return {};
    // A user name is a single path segment: a '/' in it must not become a subpage.
    const QString segment = encodeSegment(user).replace(QLatin1String("/"), QLatin1String("%2F"));
    return build(host, QStringLiteral("/wiki/Special:Contributions/") + segment);
}

} // namespace wt::ui::url

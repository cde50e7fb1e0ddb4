#include "enrich/HostTable.h"

#include <array>

namespace wt::enrich {

namespace {

struct SpecialHost {
    std::string_view host;
    std::string_view project;
    std::string_view language;
    std::string_view dbName;
};

// Hosts that a split on dots would get wrong. Ordered roughly by stream volume.
constexpr std::array kSpecialHosts{
    SpecialHost{"commons.wikimedia.org", "commons", "", "commonswiki"},
    SpecialHost{"www.wikidata.org", "wikidata", "", "wikidatawiki"},
    SpecialHost{"meta.wikimedia.org", "meta", "", "metawiki"},
    SpecialHost{"species.wikimedia.org", "species", "", "specieswiki"},
    SpecialHost{"www.mediawiki.org", "mediawiki", "", "mediawikiwiki"},
    SpecialHost{"incubator.wikimedia.org", "incubator", "", "incubatorwiki"},
    SpecialHost{"wikisource.org", "wikisource", "", "sourceswiki"},
    SpecialHost{"www.wikisource.org", "wikisource", "", "sourceswiki"},
    SpecialHost{"www.wikifunctions.org", "wikifunctions", "", "wikifunctionswiki"},
    SpecialHost{"wikimania.wikimedia.org", "wikimania", "", "wikimaniawiki"},
    SpecialHost{"test.wikipedia.org", "test", "", "testwiki"},
    SpecialHost{"test2.wikipedia.org", "test", "", "test2wiki"},
    SpecialHost{"test.wikidata.org", "testwikidata", "", "testwikidatawiki"},
    SpecialHost{"test-commons.wikimedia.org", "testcommons", "", "testcommonswiki"},
    SpecialHost{"beta.wikiversity.org", "wikiversity", "", "betawikiversity"},
    SpecialHost{"outreach.wikimedia.org", "outreach", "", "outreachwiki"},
    SpecialHost{"foundation.wikimedia.org", "foundation", "", "foundationwiki"},
    SpecialHost{"wikimediafoundation.org", "foundation", "", "foundationwiki"},
    SpecialHost{"wikitech.wikimedia.org", "wikitech", "", "labswiki"},
    SpecialHost{"api.wikimedia.org", "api", "", ""},
    SpecialHost{"login.wikimedia.org", "login", "", "loginwiki"},
    SpecialHost{"auth.wikimedia.org", "auth", "", ""},
    SpecialHost{"nostalgia.wikipedia.org", "nostalgia", "", "nostalgiawiki"},
    SpecialHost{"wikidata.org", "wikidata", "", "wikidatawiki"},
    SpecialHost{"mediawiki.org", "mediawiki", "", "mediawikiwiki"},
    SpecialHost{"wikifunctions.org", "wikifunctions", "", "wikifunctionswiki"},
};

struct ProjectSuffix {
    std::string_view suffix; // including the leading dot
    std::string_view project;
    std::string_view dbSuffix; // database name = language (with '_' for '-') + dbSuffix
};

// "wiki" must stay last: every other database suffix also ends in it.
constexpr std::array kSuffixes{
    ProjectSuffix{".wiktionary.org", "wiktionary", "wiktionary"},
    ProjectSuffix{".wikibooks.org", "wikibooks", "wikibooks"},
    ProjectSuffix{".wikinews.org", "wikinews", "wikinews"},
    ProjectSuffix{".wikiquote.org", "wikiquote", "wikiquote"},
    ProjectSuffix{".wikisource.org", "wikisource", "wikisource"},
    ProjectSuffix{".wikiversity.org", "wikiversity", "wikiversity"},
    ProjectSuffix{".wikivoyage.org", "wikivoyage", "wikivoyage"},
    ProjectSuffix{".wikimedia.org", "wikimedia", "wikimedia"},
    ProjectSuffix{".wikipedia.org", "wikipedia", "wiki"},
};

constexpr std::string_view kWikimediaSuffix = ".wikimedia.org";

bool isLower(char c)
{
    return c >= 'a' && c <= 'z';
}

// A language code as used in host names: "en", "simple", "zh-min-nan", "be-tarask", "nds-nl".
bool isLanguageLabel(std::string_view label)
{
    if (label.empty() || !isLower(label.front()) || label.back() == '-')
        return false;
    for (char c : label) {
        if (!isLower(c) && c != '-' && !(c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

// Chapter codes are short (de, nyc, wmse is not used as a host); longer names are special wikis.
bool isChapterLabel(std::string_view label)
{
    const auto dash = label.find('-');
    const auto head = label.substr(0, dash);
    return isLanguageLabel(label) && head.size() >= 2 && head.size() <= 3;
}

const SpecialHost* findSpecial(std::string_view host)
{
    for (const auto& entry : kSpecialHosts) {
        if (entry.host == host)
            return &entry;
    }
    return nullptr;
}

} // namespace

HostInfo lookupHost(std::string_view serverName)
{
    if (const auto* special = findSpecial(serverName))
        return {special->project, special->language};
    for (const auto& suffix : kSuffixes) {
        if (serverName.size() <= suffix.suffix.size() || !serverName.ends_with(suffix.suffix))
            continue;
        const auto label = serverName.substr(0, serverName.size() - suffix.suffix.size());
        if (suffix.suffix == kWikimediaSuffix) {
            if (label.starts_with("wikimania") && label.find('.') == std::string_view::npos)
                return {"wikimania", {}}; // wikimania2017.wikimedia.org and friends
            if (isChapterLabel(label))
                return {suffix.project, label};
            if (isLanguageLabel(label))
                return {label, {}};
            break;
        }
        if (label == "www")
            return {suffix.project, {}};
        if (isLanguageLabel(label))
            return {suffix.project, label};
        break;
    }
    return {serverName, {}};
}

bool isCentralAuthHost(std::string_view serverName)
{
    return serverName == "auth.wikimedia.org" || serverName == "login.wikimedia.org";
}

std::string hostFromWiki(std::string_view wiki)
{
    if (wiki.empty())
        return {};
    for (const auto& entry : kSpecialHosts) {
        if (entry.dbName == wiki)
            return std::string(entry.host);
    }
    for (const auto& suffix : kSuffixes) {
        if (wiki.size() <= suffix.dbSuffix.size() || !wiki.ends_with(suffix.dbSuffix))
            continue;
        std::string host(wiki.substr(0, wiki.size() - suffix.dbSuffix.size()));
        for (char& c : host) {
            if (c == '_')
                c = '-';
        }
        if (!isLanguageLabel(host))
            return {};
        host += suffix.suffix;
        return host;
    }
    return {};
}

std::string wikiFromHost(std::string_view host)
{
    if (const auto* special = findSpecial(host))
        return std::string(special->dbName);
    for (const auto& suffix : kSuffixes) {
        if (host.size() <= suffix.suffix.size() || !host.ends_with(suffix.suffix))
            continue;
        const auto label = host.substr(0, host.size() - suffix.suffix.size());
        if (!isLanguageLabel(label) || label == "www")
            return {};
        std::string db(label);
        for (char& c : db) {
            if (c == '-')
                c = '_';
        }
        db += suffix.dbSuffix;
        return db;
    }
    return {};
}

} // namespace wt::enrich

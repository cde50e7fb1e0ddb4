#include "enrich/Enricher.h"

#include "enrich/HostTable.h"
#include "enrich/IpAddress.h"

#include <algorithm>
#include <limits>
#include <string>

namespace wt::enrich {

using event::EditEvent;
namespace Flag = event::Flag;

namespace {

constexpr std::uint16_t kDerivedFlags =
    Flag::Anonymous | Flag::Temporary | Flag::NewPage | Flag::WikidataItem;

} // namespace

bool isWikidataItemTitle(std::string_view title)
{
    if (title.size() < 2 || title[0] != 'Q')
        return false;
    return std::all_of(title.begin() + 1, title.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void Enricher::enrich(EditEvent& e) const
{
    e.flags &= static_cast<std::uint16_t>(~kDerivedFlags);

    if (e.has(Flag::NoLength)) {
        e.delta = 0;
    } else {
        const std::int64_t delta = std::int64_t(e.lengthNew) - std::int64_t(e.lengthOld);
        e.delta = static_cast<std::int32_t>(
            std::clamp<std::int64_t>(delta, std::numeric_limits<std::int32_t>::min(),
                                     std::numeric_limits<std::int32_t>::max()));
    }

    HostInfo host = lookupHost(e.serverName);
    std::string wikiHost;
    if (isCentralAuthHost(e.serverName)) {
        // Attribute central-login events to the wiki they are for, e.g. enwiki -> wikipedia/en.
        wikiHost = hostFromWiki(e.wiki);
        if (!wikiHost.empty())
            host = lookupHost(wikiHost);
    }
    e.project.assign(host.project.data(), host.project.size());
    e.language.assign(host.language.data(), host.language.size());

    if (!e.user.empty()) {
        if (e.user.front() == '~')
            e.flags |= Flag::Temporary;
        else if (isIpAddress(e.user))
            e.flags |= Flag::Anonymous;
    }
    if (e.type == event::EditType::New)
        e.flags |= Flag::NewPage;
    if (e.serverName == "www.wikidata.org" && isWikidataItemTitle(e.title))
        e.flags |= Flag::WikidataItem;
}

} // namespace wt::enrich

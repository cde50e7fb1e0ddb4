#include "analytics/EventTimeAggregator.h"

#include <algorithm>
#include <limits>

namespace wt::analytics {

namespace {
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min() / 2;

std::int64_t secondOf(std::int64_t ms)
{
    std::int64_t s = ms / 1000;
    if (ms % 1000 != 0 && ms < 0)
        --s;
    return s;
}

std::int64_t clampLookbackSec(std::int64_t ms)
{
    return std::clamp(ms, kMinLookbackMs, kMaxLookbackMs) / 1000;
}

void addTraffic(TrafficCell& c, const EventRecord& r)
{
    if (r.flags & event::Flag::Bot)
        ++c.bot;
    else
        ++c.human;
    if (r.delta > 0)
        c.bytesAdded += r.delta;
    else
        c.bytesRemoved -= r.delta;
}
} // namespace

EventTimeAggregator::EventTimeAggregator(const AnalyticsConfig& config)
    : m_latenessMs(std::clamp<std::int64_t>(config.latenessMs, 0, kMaxLatenessMs)),
      m_lookbackSec(clampLookbackSec(config.lookbackMs)),
      m_ring((kMaxLookbackMs + m_latenessMs) / 1000 + 2),
      m_minutes(config.closedMinuteCap),
      m_filter(config.filter),
      m_keywords(config.keywordHitCap),
      m_flushWatermarkMs(kNever),
      m_sealedThrough(kNever)
{
    QStringList list;
    for (const std::string& k : config.keywords)
        list << QString::fromStdString(k);
    m_keywords.setPatterns(list);
}

std::int64_t EventTimeAggregator::clockSecond() const { return secondOf(m_clockMs); }

std::int64_t EventTimeAggregator::watermarkMs() const
{
    if (!m_hasClock)
        return kNever;
    return std::max(m_clockMs - m_latenessMs, m_flushWatermarkMs);
}

void EventTimeAggregator::ingest(const event::EditEvent& e)
{
    if (!m_hasClock) {
        m_hasClock = true;
        m_clockMs = e.timeMs;
        m_lowSec = secondOf(e.timeMs) - m_lookbackSec + 1;
        m_firstSec = secondOf(e.timeMs);
        m_ring.advanceTo(secondOf(e.timeMs));
    }
    if (e.timeMs < watermarkMs()) {
        ++m_lateTotal;
        if (auto updated = m_minutes.addLate(e.timeMs, e.wiki))
            m_lateOut.push_back(std::move(updated));
        return;
    }
    if (e.timeMs > m_clockMs)
        advanceClock(e.timeMs);

    const std::int64_t second = SecondRing::secondOf(e.timeMs);
    // The average velocity spans from the oldest accepted event, whatever order they came in.
    m_firstSec = std::min(m_firstSec, second);
    const EventRecord r = m_ring.makeRecord(e);
    SecondSlot& slot = m_ring.store(second, r);
    std::uint32_t keywordMask = 0;
    if (!m_keywords.empty()) {
        keywordMask = static_cast<std::uint32_t>(m_keywords.match(e.title, e.comment, e.user));
        if (keywordMask)
            slot.keywords.push_back(
                KeywordMark{static_cast<std::uint32_t>(slot.records.size() - 1), keywordMask});
    }
    const bool pass = m_filter.passes(r, m_ring);
    if (pass)
        addTraffic(slot.traffic, r);
    m_minutes.add(e.timeMs, r);
    if (second >= m_lowSec) {
        if (pass)
            m_aggr.add(r);
        if (keywordMask) {
            m_keywords.enter(keywordMask);
            m_keywords.recordHits(keywordMask, e.timeMs, e.wiki, e.title, e.user, e.comment,
                                  e.diffUrl.empty() ? m_ring.diffUrl(r) : e.diffUrl);
        }
    }
}

void EventTimeAggregator::advanceClock(std::int64_t timeMs)
{
    const std::int64_t oldSec = secondOf(m_clockMs);
    const std::int64_t newSec = secondOf(timeMs);
    m_clockMs = timeMs;
    afterWatermarkMove();
    if (newSec == oldSec)
        return;
    const std::int64_t newLow = newSec - m_lookbackSec + 1;
    const std::int64_t from = std::max(m_lowSec, ringLow());
    const std::int64_t to = std::min(newLow - 1, m_ring.newest());
    for (std::int64_t s = from; s <= to; ++s)
        leaveSlot(s);
    m_lowSec = newLow;
    if (newSec - oldSec >= m_ring.retention())
        m_firstSec = newSec; // everything retained is about to be recycled
    m_ring.advanceTo(newSec);
}

void EventTimeAggregator::afterWatermarkMove()
{
    const std::int64_t wm = watermarkMs();
    auto closed = m_minutes.closeUpTo(wm, m_ring);
    for (auto& m : closed)
        m_closedOut.push_back(std::move(m));
    // Seconds wholly behind the watermark take no more events: give back their spare capacity.
    const std::int64_t last = std::min(secondOf(wm) - 1, m_ring.newest());
    for (std::int64_t s = std::max(m_sealedThrough + 1, ringLow()); s <= last; ++s)
        m_ring.seal(s);
    m_sealedThrough = std::max(m_sealedThrough, last);
}

void EventTimeAggregator::enterSlot(std::int64_t second)
{
    const SecondSlot* slot = m_ring.slot(second);
    if (!slot)
        return;
    for (const EventRecord& r : slot->records)
        if (m_filter.passes(r, m_ring))
            m_aggr.add(r);
    for (const KeywordMark& k : slot->keywords)
        m_keywords.enter(k.mask);
}

void EventTimeAggregator::leaveSlot(std::int64_t second)
{
    const SecondSlot* slot = m_ring.slot(second);
    if (!slot)
        return;
    for (const EventRecord& r : slot->records)
        if (m_filter.passes(r, m_ring))
            m_aggr.remove(r);
    for (const KeywordMark& k : slot->keywords)
        m_keywords.leave(k.mask);
}

std::vector<MinuteSummaryPtr> EventTimeAggregator::takeClosedMinutes()
{
    return std::exchange(m_closedOut, {});
}

std::vector<MinuteSummaryPtr> EventTimeAggregator::takeLateUpdates()
{
    return std::exchange(m_lateOut, {});
}

std::vector<MinuteSummaryPtr> EventTimeAggregator::closeAllMinutes()
{
    if (m_hasClock) {
        m_flushWatermarkMs = std::max(m_flushWatermarkMs,
                                      MinuteWindows::minuteOf(m_clockMs) + 60000);
        afterWatermarkMove();
    }
    return takeClosedMinutes();
}

void EventTimeAggregator::setLookback(std::int64_t ms)
{
    const std::int64_t sec = clampLookbackSec(ms);
    if (sec == m_lookbackSec)
        return;
    m_lookbackSec = sec;
    if (!m_hasClock)
        return;
    const std::int64_t newLow = secondOf(m_clockMs) - sec + 1;
    if (newLow < m_lowSec) {
        for (std::int64_t s = std::max(newLow, ringLow()); s < m_lowSec; ++s)
            enterSlot(s);
    } else {
        for (std::int64_t s = std::max(m_lowSec, ringLow()); s < newLow; ++s)
            leaveSlot(s);
    }
    m_lowSec = newLow;
}

void EventTimeAggregator::recomputeTraffic()
{
    if (!m_hasClock)
        return;
    for (std::int64_t s = ringLow(); s <= m_ring.newest(); ++s) {
        SecondSlot* slot = m_ring.slot(s);
        if (!slot)
            continue;
        slot->traffic = {};
        for (const EventRecord& r : slot->records)
            if (m_filter.passes(r, m_ring))
                addTraffic(slot->traffic, r);
    }
}

void EventTimeAggregator::setFilter(const Filter& filter)
{
    m_filter = FilterMatcher(filter);
    m_aggr.clear();
    recomputeTraffic();
    if (!m_hasClock)
        return;
    for (std::int64_t s = std::max(m_lowSec, ringLow()); s <= m_ring.newest(); ++s) {
        const SecondSlot* slot = m_ring.slot(s);
        if (!slot)
            continue;
        for (const EventRecord& r : slot->records)
            if (m_filter.passes(r, m_ring))
                m_aggr.add(r);
    }
}

std::vector<std::pair<QString, QString>> EventTimeAggregator::setKeywords(
    const QStringList& patterns)
{
    auto rejected = m_keywords.setPatterns(patterns);
    if (!m_hasClock)
        return rejected;
    // Retained records keep title and user (interned) but no comment: a new list is matched
    // against those two for the past, and against all three fields from now on. One match per
    // distinct page and user, not per record.
    std::vector<std::uint64_t> pageMask(m_ring.pages().capacity(), ~std::uint64_t(0));
    std::vector<std::uint64_t> userMask(m_ring.users().capacity(), ~std::uint64_t(0));
    for (std::int64_t s = ringLow(); s <= m_ring.newest(); ++s) {
        SecondSlot* slot = m_ring.slot(s);
        if (!slot)
            continue;
        slot->keywords.clear();
        if (m_keywords.empty())
            continue;
        for (std::size_t i = 0; i < slot->records.size(); ++i) {
            const EventRecord& r = slot->records[i];
            std::uint64_t& pm = pageMask[r.pageId];
            if (pm == ~std::uint64_t(0))
                pm = m_keywords.match(m_ring.title(r.pageId), {}, {});
            std::uint64_t& um = userMask[r.userId];
            if (um == ~std::uint64_t(0))
                um = m_keywords.match({}, {}, m_ring.user(r.userId));
            const auto mask = static_cast<std::uint32_t>(pm | um);
            if (!mask)
                continue;
            slot->keywords.push_back(KeywordMark{static_cast<std::uint32_t>(i), mask});
            if (s >= m_lowSec) {
                m_keywords.enter(mask);
                const std::string_view key = m_ring.pageKey(r.pageId);
                m_keywords.recordHits(mask, r.timeMs(s), key.substr(0, key.find('\n')),
                                      m_ring.title(r.pageId), m_ring.user(r.userId), {},
                                      m_ring.diffUrl(r));
            }
        }
    }
    return rejected;
}

} // namespace wt::analytics

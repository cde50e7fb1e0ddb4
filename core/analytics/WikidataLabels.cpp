#include "analytics/WikidataLabels.h"

#include <algorithm>
#include <unordered_set>

namespace wt::analytics {

WikidataLabels::WikidataLabels(std::size_t capacity) : m_capacity(std::max<std::size_t>(1, capacity))
{
}

void WikidataLabels::set(const store::LabelMap& labels)
{
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        const std::string qid = it.key().toStdString();
        if (qid.empty())
            continue;
        const std::string label = it.value().found() ? it.value().label.toStdString() : std::string();
        if (auto asked = m_asked.find(qid); asked != m_asked.end())
            m_asked.erase(asked); // answered: a later miss (after eviction) may ask again at once
        if (auto found = m_index.find(qid); found != m_index.end()) {
            found->second->label = label;
            m_lru.splice(m_lru.begin(), m_lru, found->second);
            continue;
        }
        m_lru.push_front(Entry{qid, label});
        m_index.emplace(std::string_view(m_lru.front().qid), m_lru.begin());
        while (m_index.size() > m_capacity) {
            m_index.erase(std::string_view(m_lru.back().qid));
            m_lru.pop_back();
        }
    }
}

const std::string* WikidataLabels::lookup(std::string_view qid)
{
    auto it = m_index.find(qid);
    if (it == m_index.end())
        return nullptr;
    m_lru.splice(m_lru.begin(), m_lru, it->second);
    return &it->second->label;
}

QStringList WikidataLabels::takeWanted(const std::vector<std::string_view>& qids, std::int64_t nowMs)
{
    QStringList out;
    std::unordered_set<std::string_view> seen;
    for (std::string_view qid : qids) {
        if (static_cast<std::size_t>(out.size()) >= kMaxWantedPerTick)
            break;
        if (!seen.insert(qid).second || m_index.count(qid))
            continue;
        auto asked = m_asked.find(qid);
        if (asked != m_asked.end()) {
            if (nowMs - asked->second < kRetryMs)
                continue;
            asked->second = nowMs;
        } else {
            m_asked.emplace(std::string(qid), nowMs);
        }
        m_askedOrder.emplace_back(std::string(qid), nowMs);
        out << QString::fromUtf8(qid.data(), static_cast<qsizetype>(qid.size()));
    }
    // Bound the asked-for memory: forget the oldest requests beyond the cache's capacity.
    while (m_askedOrder.size() > m_capacity) {
        const auto& [qid, atMs] = m_askedOrder.front();
        auto it = m_asked.find(qid);
        if (it != m_asked.end() && it->second == atMs)
            m_asked.erase(it);
        m_askedOrder.pop_front();
    }
    return out;
}

} // namespace wt::analytics

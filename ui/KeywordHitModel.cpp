#include "KeywordHitModel.h"

#include "Format.h"
#include "WikimediaUrl.h"

namespace wt::ui {

namespace {
bool sameHit(const analytics::KeywordHit& a, const analytics::KeywordHit& b)
{
    return a.timeMs == b.timeMs && a.keyword == b.keyword && a.wiki == b.wiki &&
           a.title == b.title && a.user == b.user;
}
} // namespace

void KeywordHitModel::setHits(const std::vector<analytics::KeywordHit>& hits)
{
    if (hits.size() == m_hits.size() &&
        std::equal(hits.begin(), hits.end(), m_hits.begin(), sameHit))
        return;
    beginResetModel();
    m_hits = hits;
    endResetModel();
}

QUrl KeywordHitModel::diffUrl(int row) const
{
    if (row < 0 || row >= int(m_hits.size()))
        return {};
    const QUrl u(QString::fromStdString(m_hits[std::size_t(row)].diffUrl), QUrl::StrictMode);
    return url::isWikimedia(u) ? u : QUrl();
}

int KeywordHitModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

int KeywordHitModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeywordHitModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_hits.size()))
        return {};
    const auto& h = m_hits[std::size_t(index.row())];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Time: return fmt::clockTime(h.timeMs);
        case Keyword: return QString::fromStdString(h.keyword);
        case Wiki: return QString::fromStdString(h.wiki);
        case Title: return QString::fromStdString(h.title);
        case User: return QString::fromStdString(h.user);
        case Comment: return QString::fromStdString(h.comment);
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == Time)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant KeywordHitModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Keyword: return tr("Keyword");
    case Wiki: return tr("Wiki");
    case Title: return tr("Title");
    case User: return tr("User");
    case Comment: return tr("Comment");
    }
    return {};
}

} // namespace wt::ui

#include "LeaderboardModel.h"

#include <QHash>
#include <QPalette>
#include <QApplication>

#include "Format.h"
#include "WikimediaUrl.h"

namespace wt::ui {

LeaderboardModel::LeaderboardModel(Kind kind, QObject* parent)
    : QAbstractTableModel(parent), m_kind(kind)
{
}

bool LeaderboardModel::isColumnShown(int column) const
{
    // Few columns, so that names stay readable in a narrow dock; the rest is in the tooltip.
    switch (column) {
    case Wiki:
        return m_kind == Kind::Pages;
    case Bot:
        return m_kind == Kind::Users;
    case Added:
    case Removed:
        return false;
    case Net:
        return m_kind != Kind::Pages;
    default:
        return true;
    }
}

bool LeaderboardModel::sameFigures(const analytics::LeaderRow& a, const analytics::LeaderRow& b)
{
    return a.edits == b.edits && a.bytesAdded == b.bytesAdded && a.bytesRemoved == b.bytesRemoved &&
           a.bytesNet == b.bytesNet && a.bot == b.bot && a.label == b.label && a.url == b.url;
}

QString LeaderboardModel::identity(const analytics::LeaderRow& row)
{
    return QString::fromStdString(row.wiki) + QChar(0x1f) + QString::fromStdString(row.key);
}

QString LeaderboardModel::displayName(const analytics::LeaderRow& row) const
{
    QString name = QString::fromStdString(row.key);
    if (m_kind == Kind::Languages && name.isEmpty())
        name = tr("(multilingual)");
    if (!row.label.empty())
        name += QStringLiteral(" — ") + QString::fromStdString(row.label);
    return name;
}

void LeaderboardModel::setRows(const std::vector<analytics::LeaderRow>& rows)
{
    QHash<QString, int> incoming;
    incoming.reserve(qsizetype(rows.size()));
    for (std::size_t i = 0; i < rows.size(); ++i)
        incoming.insert(identity(rows[i]), int(i));

    // 1. Rows that left the board go, in contiguous runs from the bottom up.
    for (int r = int(m_rows.size()) - 1; r >= 0;) {
        if (incoming.contains(m_rows[std::size_t(r)].id)) {
            --r;
            continue;
        }
        int first = r;
        while (first > 0 && !incoming.contains(m_rows[std::size_t(first - 1)].id))
            --first;
        beginRemoveRows({}, first, r);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + r + 1);
        endRemoveRows();
        r = first - 1;
    }
    // 2. Rows that stay are updated in place (the views re-sort them themselves).
    // Only the rows whose figures moved are announced: unchanged rows cost the views nothing.
    QHash<QString, int> present;
    int firstChanged = -1, lastChanged = -1;
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        Row& row = m_rows[r];
        const int i = incoming.value(row.id);
        const analytics::LeaderRow& in = rows[std::size_t(i)];
        present.insert(row.id, int(r));
        if (row.rank == i + 1 && sameFigures(row.data, in))
            continue;
        row.rank = i + 1;
        row.data = in;
        row.display = displayName(row.data);
        if (firstChanged < 0)
            firstChanged = int(r);
        lastChanged = int(r);
    }
    if (firstChanged >= 0)
        emit dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    // 3. Newcomers are appended.
    std::vector<Row> added;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        QString id = identity(rows[i]);
        if (present.contains(id))
            continue;
        added.push_back({id, int(i) + 1, rows[i], displayName(rows[i])});
    }
    if (!added.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (Row& row : added)
            m_rows.push_back(std::move(row));
        endInsertRows();
    }
}

QUrl LeaderboardModel::urlForRow(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return {};
    const analytics::LeaderRow& r = m_rows[std::size_t(row)].data;
    // Only the host is taken from the engine's URL: the path is rebuilt and percent-encoded
    // here, because a title may hold '?', '#' or '%' that a raw URL would misread.
    QString host;
    if (!r.url.empty()) {
        const QUrl given(QString::fromStdString(r.url));
        if (url::isWikimedia(given))
            host = given.host();
    }
    if (host.isEmpty())
        host = url::hostForWiki(m_kind == Kind::Wikis ? r.key : r.wiki);
    switch (m_kind) {
    case Kind::Pages:
        return url::page(host, QString::fromStdString(r.key));
    case Kind::Users:
        return url::contributions(host, QString::fromStdString(r.key));
    case Kind::Wikis:
        return host.isEmpty() ? QUrl() : url::page(host, QStringLiteral("Special:RecentChanges"));
    case Kind::Languages:
        return {};
    }
    return {};
}

int LeaderboardModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LeaderboardModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LeaderboardModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row& row = m_rows[std::size_t(index.row())];
    const analytics::LeaderRow& d = row.data;
    const int col = index.column();
    if (role == SortRole) {
        switch (col) {
        case Rank: return row.rank;
        case Name: return row.display.toLower();
        case Wiki: return QString::fromStdString(d.wiki);
        case Bot: return d.bot;
        case Edits: return qulonglong(d.edits);
        case Added: return qlonglong(d.bytesAdded);
        case Removed: return qlonglong(d.bytesRemoved);
        case Net: return qlonglong(d.bytesNet);
        }
    }
    if (role == Qt::DisplayRole) {
        switch (col) {
        case Rank: return row.rank;
        case Name: return row.display;
        case Wiki: return QString::fromStdString(d.wiki);
        case Bot: return d.bot ? tr("bot") : QString();
        case Edits: return fmt::count(d.edits);
        case Added: return fmt::bytes(d.bytesAdded);
        case Removed: return fmt::bytes(d.bytesRemoved);
        case Net: return fmt::signedBytes(d.bytesNet);
        }
    }
    if (role == Qt::TextAlignmentRole) {
        if (col == Name || col == Wiki || col == Bot)
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole) {
        QString tip = tr("%1\n%2 edits · added %3 · removed %4 · net %5")
                          .arg(row.display, fmt::count(d.edits), fmt::bytes(d.bytesAdded),
                               fmt::bytes(d.bytesRemoved), fmt::signedBytes(d.bytesNet));
        if (!d.wiki.empty() && m_kind != Kind::Wikis)
            tip += tr("\non %1").arg(QString::fromStdString(d.wiki));
        const QUrl u = urlForRow(index.row());
        if (u.isValid())
            tip += tr("\nDouble-click to open %1").arg(u.toDisplayString());
        return tip;
    }
    return {};
}

QVariant LeaderboardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return int((section == Name || section == Wiki || section == Bot ? Qt::AlignLeft
                                                                          : Qt::AlignRight) |
                   Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Rank: return tr("#");
    case Name:
        switch (m_kind) {
        case Kind::Wikis: return tr("Wiki");
        case Kind::Languages: return tr("Language");
        case Kind::Pages: return tr("Page");
        case Kind::Users: return tr("User");
        }
        break;
    case Wiki: return tr("Wiki");
    case Bot: return tr("Bot");
    case Edits: return tr("Edits");
    case Added: return tr("Added");
    case Removed: return tr("Removed");
    case Net: return tr("Net");
    }
    return {};
}

} // namespace wt::ui

#pragma once
// One leaderboard (wikis, languages, pages or users) as a table model (GUI thread). Updated by
// diffing rows by identity, so sort order and selection in the views survive each refresh.

#include <QAbstractTableModel>
#include <QUrl>
#include <vector>

#include "analytics/DashboardSnapshot.h"

namespace wt::ui {

class LeaderboardModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Kind { Wikis, Languages, Pages, Users };
    enum Column { Rank, Name, Wiki, Bot, Edits, Added, Removed, Net, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit LeaderboardModel(Kind kind, QObject* parent = nullptr);

    void setRows(const std::vector<analytics::LeaderRow>& rows);
    Kind kind() const { return m_kind; }
    bool isColumnShown(int column) const;
    // The page or contributions URL for a row; invalid unless it is https on a Wikimedia host.
    QUrl urlForRow(int row) const;
    const analytics::LeaderRow& rowAt(int row) const { return m_rows[std::size_t(row)].data; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        QString id; // wiki + key: what makes a row the "same" row across snapshots
        int rank = 0;
        analytics::LeaderRow data;
        QString display;
    };
    static QString identity(const analytics::LeaderRow& row);
    static bool sameFigures(const analytics::LeaderRow& a, const analytics::LeaderRow& b);
    QString displayName(const analytics::LeaderRow& row) const;

    Kind m_kind;
    std::vector<Row> m_rows;
};

} // namespace wt::ui

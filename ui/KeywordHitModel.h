#pragma once
// The recent keyword hits as a table (GUI thread): time, keyword, wiki, title, user, comment.
// Reset only when the list of hits actually changed, so an idle table keeps its scroll position.

#include <QAbstractTableModel>
#include <QUrl>
#include <vector>

#include "analytics/DashboardSnapshot.h"

namespace wt::ui {

class KeywordHitModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Keyword, Wiki, Title, User, Comment, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setHits(const std::vector<analytics::KeywordHit>& hits);
    QUrl diffUrl(int row) const; // invalid unless https on a Wikimedia host

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<analytics::KeywordHit> m_hits;
};

} // namespace wt::ui

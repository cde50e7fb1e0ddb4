#include "KeywordPanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ChartLooks.h"
#include "Format.h"
#include "KeywordHitModel.h"

namespace wt::ui {

KeywordPanel::KeywordPanel(QWidget* parent) : QWidget(parent)
{
    const QFontMetrics fm = fontMetrics();
    auto* box = new QVBoxLayout(this);
    const int gap = fm.height() / 3;
    box->setContentsMargins(gap, gap, gap, gap);

    auto* row = new QHBoxLayout;
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("keywordInput"));
    m_input->setPlaceholderText(tr("Word or regular expression, e.g. vandal|revert"));
    m_input->setClearButtonEnabled(true);
    auto* add = new QPushButton(tr("Add"), this);
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setEnabled(false);
    row->addWidget(m_input, 1);
    row->addWidget(add);
    row->addWidget(m_remove);
    box->addLayout(row);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("keywordError"));
    m_error->setWordWrap(true);
    m_error->hide();
    box->addWidget(m_error);

    m_list = new QTableWidget(0, 2, this);
    m_list->setObjectName(QStringLiteral("keywordList"));
    m_list->setHorizontalHeaderLabels({tr("Keyword (double-click to edit)"), tr("Hits")});
    m_list->verticalHeader()->hide();
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_list->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->horizontalHeader()->resizeSection(1, fm.horizontalAdvance(QStringLiteral("999,999")) + fm.height());

    m_hitModel = new KeywordHitModel(this);
    m_hits = new QTableView(this);
    m_hits->setObjectName(QStringLiteral("keywordHits"));
    m_hits->setModel(m_hitModel);
    m_hits->verticalHeader()->hide();
    m_hits->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_hits->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_hits->setAlternatingRowColors(true);
    m_hits->setWordWrap(false);
    m_hits->verticalHeader()->setDefaultSectionSize(fm.height() + fm.height() / 3);
    QHeaderView* header = m_hits->horizontalHeader();
    header->resizeSection(KeywordHitModel::Time, fm.horizontalAdvance(QStringLiteral("00:00:00")) + fm.height());
    header->resizeSection(KeywordHitModel::Keyword, fm.horizontalAdvance(QStringLiteral("keyword")) * 2);
    header->resizeSection(KeywordHitModel::Wiki, fm.horizontalAdvance(QStringLiteral("commonswiki")) + fm.height());
    header->resizeSection(KeywordHitModel::Title, fm.horizontalAdvance(QLatin1Char('x')) * 30);
    header->resizeSection(KeywordHitModel::User, fm.horizontalAdvance(QLatin1Char('x')) * 16);
    header->setStretchLastSection(true);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_list);
    split->addWidget(m_hits);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    box->addWidget(split, 1);

    connect(add, &QPushButton::clicked, this, [this] {
        if (addKeyword(m_input->text()))
            m_input->clear();
    });
    connect(m_input, &QLineEdit::returnPressed, add, &QPushButton::click);
    connect(m_input, &QLineEdit::textEdited, this, [this](const QString& text) {
        // Say it while typing, not only after pressing Add.
        showError(text.isEmpty() ? QString() : validate(text));
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const auto rows = m_list->selectionModel()->selectedRows();
        if (!rows.isEmpty())
            removeKeyword(rows.first().row());
    });
    connect(m_list, &QTableWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
    connect(m_list, &QTableWidget::itemChanged, this, &KeywordPanel::onItemChanged);
    connect(m_hits, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QUrl url = m_hitModel->diffUrl(index.row());
        if (url.isValid())
            emit openUrlRequested(url);
    });
}

QString KeywordPanel::validate(const QString& pattern)
{
    if (pattern.trimmed().isEmpty())
        return tr("A keyword cannot be empty.");
    const QRegularExpression re(pattern);
    if (!re.isValid())
        return tr("“%1” is not a valid regular expression: %2 (at character %3).")
            .arg(pattern, re.errorString())
            .arg(re.patternErrorOffset() + 1);
    if (re.match(QString()).hasMatch())
        return tr("“%1” matches everything; make it more specific.").arg(pattern);
    return {};
}

QString KeywordPanel::errorText() const { return m_error->isVisible() ? m_error->text() : QString(); }

void KeywordPanel::showError(const QString& text)
{
    m_error->setText(text);
    QPalette pal = m_error->palette();
    pal.setColor(QPalette::WindowText, looks::removals(palette()));
    m_error->setPalette(pal);
    m_error->setVisible(!text.isEmpty());
}

bool KeywordPanel::addKeyword(const QString& pattern)
{
    QString error = validate(pattern);
    if (error.isEmpty() && m_keywords.contains(pattern))
        error = tr("“%1” is already monitored.").arg(pattern);
    showError(error);
    if (!error.isEmpty())
        return false;
    m_keywords.append(pattern);
    rebuildList();
    emit keywordsChanged(m_keywords);
    return true;
}

bool KeywordPanel::editKeyword(int row, const QString& pattern)
{
    if (row < 0 || row >= m_keywords.size())
        return false;
    QString error = validate(pattern);
    if (error.isEmpty() && m_keywords.indexOf(pattern) >= 0 && m_keywords.indexOf(pattern) != row)
        error = tr("“%1” is already monitored.").arg(pattern);
    showError(error);
    if (!error.isEmpty()) {
        rebuildList(); // put the old text back
        return false;
    }
    if (m_keywords[row] == pattern)
        return true;
    m_keywords[row] = pattern;
    rebuildList();
    emit keywordsChanged(m_keywords);
    return true;
}

void KeywordPanel::removeKeyword(int row)
{
    if (row < 0 || row >= m_keywords.size())
        return;
    m_keywords.removeAt(row);
    rebuildList();
    showError({});
    emit keywordsChanged(m_keywords);
}

void KeywordPanel::setKeywords(const QStringList& keywords)
{
    m_keywords.clear();
    for (const QString& k : keywords)
        if (validate(k).isEmpty() && !m_keywords.contains(k))
            m_keywords.append(k);
    rebuildList();
}

void KeywordPanel::showRejected(const QString& pattern, const QString& error)
{
    showError(tr("The engine refused “%1”: %2").arg(pattern, error));
}

void KeywordPanel::rebuildList()
{
    m_rebuilding = true;
    m_list->setRowCount(int(m_keywords.size()));
    for (int r = 0; r < m_keywords.size(); ++r) {
        auto* key = new QTableWidgetItem(m_keywords[r]);
        auto* hits = new QTableWidgetItem(QStringLiteral("0"));
        hits->setFlags(hits->flags() & ~Qt::ItemIsEditable);
        hits->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_list->setItem(r, 0, key);
        m_list->setItem(r, 1, hits);
    }
    m_rebuilding = false;
}

void KeywordPanel::onItemChanged(QTableWidgetItem* item)
{
    if (m_rebuilding || item->column() != 0)
        return;
    editKeyword(item->row(), item->text());
}

void KeywordPanel::showSnapshot(const analytics::DashboardSnapshot& s)
{
    m_rebuilding = true;
    for (const auto& stat : s.keywords) {
        const int row = int(m_keywords.indexOf(QString::fromStdString(stat.pattern)));
        if (row < 0)
            continue;
        QTableWidgetItem* hits = m_list->item(row, 1);
        const QString text = stat.valid ? fmt::count(stat.hits) : tr("refused");
        if (hits && hits->text() != text) {
            hits->setText(text);
            hits->setToolTip(stat.valid ? QString() : QString::fromStdString(stat.error));
        }
    }
    m_rebuilding = false;
    m_hitModel->setHits(s.keywordHits);
}

} // namespace wt::ui

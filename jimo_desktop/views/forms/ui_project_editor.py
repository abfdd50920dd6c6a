# Generated from ui/project_editor.ui by pyside6-uic: do not edit; run scripts/compile-forms.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'project_editor.ui'
##
## Created by: Qt User Interface Compiler version 6.10.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QDialog, QFormLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QTabWidget,
    QTableView, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget)

class Ui_ProjectEditor(object):
    def setupUi(self, ProjectEditor):
        if not ProjectEditor.objectName():
            ProjectEditor.setObjectName(u"ProjectEditor")
        ProjectEditor.resize(900, 700)
        self.dialogLayout = QVBoxLayout(ProjectEditor)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.tabs = QTabWidget(ProjectEditor)
        self.tabs.setObjectName(u"tabs")
        self.basicTab = QWidget()
        self.basicTab.setObjectName(u"basicTab")
        self.basicForm = QFormLayout(self.basicTab)
        self.basicForm.setObjectName(u"basicForm")
        self.nameLabel = QLabel(self.basicTab)
        self.nameLabel.setObjectName(u"nameLabel")

        self.basicForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameBox = QVBoxLayout()
        self.nameBox.setSpacing(2)
        self.nameBox.setObjectName(u"nameBox")
        self.nameEdit = QLineEdit(self.basicTab)
        self.nameEdit.setObjectName(u"nameEdit")

        self.nameBox.addWidget(self.nameEdit)

        self.nameError = QLabel(self.basicTab)
        self.nameError.setObjectName(u"nameError")
        self.nameError.setTextFormat(Qt.TextFormat.PlainText)
        self.nameError.setWordWrap(True)
        self.nameError.setProperty(u"role", u"error")

        self.nameBox.addWidget(self.nameError)


        self.basicForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.nameBox)

        self.codeLabel = QLabel(self.basicTab)
        self.codeLabel.setObjectName(u"codeLabel")

        self.basicForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.codeLabel)

        self.codeEdit = QLineEdit(self.basicTab)
        self.codeEdit.setObjectName(u"codeEdit")
        self.codeEdit.setMaximumSize(QSize(320, 16777215))

        self.basicForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.codeEdit)

        self.unitLabel = QLabel(self.basicTab)
        self.unitLabel.setObjectName(u"unitLabel")

        self.basicForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.unitLabel)

        self.unitBox = QHBoxLayout()
        self.unitBox.setSpacing(8)
        self.unitBox.setObjectName(u"unitBox")
        self.unitCombo = QComboBox(self.basicTab)
        self.unitCombo.setObjectName(u"unitCombo")
        self.unitCombo.setMaximumSize(QSize(320, 16777215))
        self.unitCombo.setMaxVisibleItems(25)

        self.unitBox.addWidget(self.unitCombo)

        self.unitError = QLabel(self.basicTab)
        self.unitError.setObjectName(u"unitError")
        self.unitError.setTextFormat(Qt.TextFormat.PlainText)
        self.unitError.setWordWrap(True)
        self.unitError.setProperty(u"role", u"error")

        self.unitBox.addWidget(self.unitError)


        self.basicForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.unitBox)

        self.industryLabel = QLabel(self.basicTab)
        self.industryLabel.setObjectName(u"industryLabel")

        self.basicForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.industryLabel)

        self.industryBox = QHBoxLayout()
        self.industryBox.setSpacing(8)
        self.industryBox.setObjectName(u"industryBox")
        self.industryCombo = QComboBox(self.basicTab)
        self.industryCombo.setObjectName(u"industryCombo")
        self.industryCombo.setMaximumSize(QSize(320, 16777215))
        self.industryCombo.setMaxVisibleItems(20)

        self.industryBox.addWidget(self.industryCombo)

        self.industryError = QLabel(self.basicTab)
        self.industryError.setObjectName(u"industryError")
        self.industryError.setTextFormat(Qt.TextFormat.PlainText)
        self.industryError.setWordWrap(True)
        self.industryError.setProperty(u"role", u"error")

        self.industryBox.addWidget(self.industryError)


        self.basicForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.industryBox)

        self.natureLabel = QLabel(self.basicTab)
        self.natureLabel.setObjectName(u"natureLabel")

        self.basicForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.natureLabel)

        self.natureCombo = QComboBox(self.basicTab)
        self.natureCombo.setObjectName(u"natureCombo")
        self.natureCombo.setMaximumSize(QSize(320, 16777215))

        self.basicForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.natureCombo)

        self.stageLabel = QLabel(self.basicTab)
        self.stageLabel.setObjectName(u"stageLabel")

        self.basicForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.stageLabel)

        self.stageCombo = QComboBox(self.basicTab)
        self.stageCombo.setObjectName(u"stageCombo")
        self.stageCombo.setMaximumSize(QSize(320, 16777215))

        self.basicForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.stageCombo)

        self.isGovernmentCheck = QCheckBox(self.basicTab)
        self.isGovernmentCheck.setObjectName(u"isGovernmentCheck")

        self.basicForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.isGovernmentCheck)

        self.builderLabel = QLabel(self.basicTab)
        self.builderLabel.setObjectName(u"builderLabel")

        self.basicForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.builderLabel)

        self.builderEdit = QLineEdit(self.basicTab)
        self.builderEdit.setObjectName(u"builderEdit")

        self.basicForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.builderEdit)

        self.builderContactLabel = QLabel(self.basicTab)
        self.builderContactLabel.setObjectName(u"builderContactLabel")

        self.basicForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.builderContactLabel)

        self.builderContactEdit = QLineEdit(self.basicTab)
        self.builderContactEdit.setObjectName(u"builderContactEdit")
        self.builderContactEdit.setMaximumSize(QSize(320, 16777215))

        self.basicForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.builderContactEdit)

        self.builderPhoneLabel = QLabel(self.basicTab)
        self.builderPhoneLabel.setObjectName(u"builderPhoneLabel")

        self.basicForm.setWidget(9, QFormLayout.ItemRole.LabelRole, self.builderPhoneLabel)

        self.builderPhoneBox = QHBoxLayout()
        self.builderPhoneBox.setSpacing(8)
        self.builderPhoneBox.setObjectName(u"builderPhoneBox")
        self.builderPhoneEdit = QLineEdit(self.basicTab)
        self.builderPhoneEdit.setObjectName(u"builderPhoneEdit")
        self.builderPhoneEdit.setMaximumSize(QSize(320, 16777215))

        self.builderPhoneBox.addWidget(self.builderPhoneEdit)

        self.builderPhoneError = QLabel(self.basicTab)
        self.builderPhoneError.setObjectName(u"builderPhoneError")
        self.builderPhoneError.setTextFormat(Qt.TextFormat.PlainText)
        self.builderPhoneError.setWordWrap(True)
        self.builderPhoneError.setProperty(u"role", u"error")

        self.builderPhoneBox.addWidget(self.builderPhoneError)


        self.basicForm.setLayout(9, QFormLayout.ItemRole.FieldRole, self.builderPhoneBox)

        self.scaleLabel = QLabel(self.basicTab)
        self.scaleLabel.setObjectName(u"scaleLabel")

        self.basicForm.setWidget(10, QFormLayout.ItemRole.LabelRole, self.scaleLabel)

        self.scaleEdit = QPlainTextEdit(self.basicTab)
        self.scaleEdit.setObjectName(u"scaleEdit")
        self.scaleEdit.setTabChangesFocus(True)

        self.basicForm.setWidget(10, QFormLayout.ItemRole.FieldRole, self.scaleEdit)

        self.tabs.addTab(self.basicTab, "")
        self.scheduleTab = QWidget()
        self.scheduleTab.setObjectName(u"scheduleTab")
        self.scheduleLayout = QVBoxLayout(self.scheduleTab)
        self.scheduleLayout.setObjectName(u"scheduleLayout")
        self.investmentGroup = QGroupBox(self.scheduleTab)
        self.investmentGroup.setObjectName(u"investmentGroup")
        self.investmentForm = QFormLayout(self.investmentGroup)
        self.investmentForm.setObjectName(u"investmentForm")
        self.totalInvestmentLabel = QLabel(self.investmentGroup)
        self.totalInvestmentLabel.setObjectName(u"totalInvestmentLabel")

        self.investmentForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.totalInvestmentLabel)

        self.totalInvestmentBox = QHBoxLayout()
        self.totalInvestmentBox.setSpacing(8)
        self.totalInvestmentBox.setObjectName(u"totalInvestmentBox")
        self.totalInvestmentEdit = QLineEdit(self.investmentGroup)
        self.totalInvestmentEdit.setObjectName(u"totalInvestmentEdit")
        self.totalInvestmentEdit.setMaximumSize(QSize(240, 16777215))
        self.totalInvestmentEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.totalInvestmentBox.addWidget(self.totalInvestmentEdit)

        self.totalInvestmentError = QLabel(self.investmentGroup)
        self.totalInvestmentError.setObjectName(u"totalInvestmentError")
        self.totalInvestmentError.setTextFormat(Qt.TextFormat.PlainText)
        self.totalInvestmentError.setWordWrap(True)
        self.totalInvestmentError.setProperty(u"role", u"error")

        self.totalInvestmentBox.addWidget(self.totalInvestmentError)


        self.investmentForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.totalInvestmentBox)


        self.scheduleLayout.addWidget(self.investmentGroup)

        self.datesGroup = QGroupBox(self.scheduleTab)
        self.datesGroup.setObjectName(u"datesGroup")
        self.datesForm = QFormLayout(self.datesGroup)
        self.datesForm.setObjectName(u"datesForm")
        self.plannedStartLabel = QLabel(self.datesGroup)
        self.plannedStartLabel.setObjectName(u"plannedStartLabel")

        self.datesForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.plannedStartLabel)

        self.plannedStartBox = QHBoxLayout()
        self.plannedStartBox.setSpacing(8)
        self.plannedStartBox.setObjectName(u"plannedStartBox")
        self.plannedStartEdit = QLineEdit(self.datesGroup)
        self.plannedStartEdit.setObjectName(u"plannedStartEdit")
        self.plannedStartEdit.setMaximumSize(QSize(240, 16777215))

        self.plannedStartBox.addWidget(self.plannedStartEdit)

        self.plannedStartError = QLabel(self.datesGroup)
        self.plannedStartError.setObjectName(u"plannedStartError")
        self.plannedStartError.setTextFormat(Qt.TextFormat.PlainText)
        self.plannedStartError.setWordWrap(True)
        self.plannedStartError.setProperty(u"role", u"error")

        self.plannedStartBox.addWidget(self.plannedStartError)


        self.datesForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.plannedStartBox)

        self.plannedEndLabel = QLabel(self.datesGroup)
        self.plannedEndLabel.setObjectName(u"plannedEndLabel")

        self.datesForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.plannedEndLabel)

        self.plannedEndBox = QHBoxLayout()
        self.plannedEndBox.setSpacing(8)
        self.plannedEndBox.setObjectName(u"plannedEndBox")
        self.plannedEndEdit = QLineEdit(self.datesGroup)
        self.plannedEndEdit.setObjectName(u"plannedEndEdit")
        self.plannedEndEdit.setMaximumSize(QSize(240, 16777215))

        self.plannedEndBox.addWidget(self.plannedEndEdit)

        self.plannedEndError = QLabel(self.datesGroup)
        self.plannedEndError.setObjectName(u"plannedEndError")
        self.plannedEndError.setTextFormat(Qt.TextFormat.PlainText)
        self.plannedEndError.setWordWrap(True)
        self.plannedEndError.setProperty(u"role", u"error")

        self.plannedEndBox.addWidget(self.plannedEndError)


        self.datesForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.plannedEndBox)

        self.actualStartLabel = QLabel(self.datesGroup)
        self.actualStartLabel.setObjectName(u"actualStartLabel")

        self.datesForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.actualStartLabel)

        self.actualStartBox = QHBoxLayout()
        self.actualStartBox.setSpacing(8)
        self.actualStartBox.setObjectName(u"actualStartBox")
        self.actualStartEdit = QLineEdit(self.datesGroup)
        self.actualStartEdit.setObjectName(u"actualStartEdit")
        self.actualStartEdit.setMaximumSize(QSize(240, 16777215))

        self.actualStartBox.addWidget(self.actualStartEdit)

        self.actualStartError = QLabel(self.datesGroup)
        self.actualStartError.setObjectName(u"actualStartError")
        self.actualStartError.setTextFormat(Qt.TextFormat.PlainText)
        self.actualStartError.setWordWrap(True)
        self.actualStartError.setProperty(u"role", u"error")

        self.actualStartBox.addWidget(self.actualStartError)


        self.datesForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.actualStartBox)

        self.actualEndLabel = QLabel(self.datesGroup)
        self.actualEndLabel.setObjectName(u"actualEndLabel")

        self.datesForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.actualEndLabel)

        self.actualEndBox = QHBoxLayout()
        self.actualEndBox.setSpacing(8)
        self.actualEndBox.setObjectName(u"actualEndBox")
        self.actualEndEdit = QLineEdit(self.datesGroup)
        self.actualEndEdit.setObjectName(u"actualEndEdit")
        self.actualEndEdit.setMaximumSize(QSize(240, 16777215))

        self.actualEndBox.addWidget(self.actualEndEdit)

        self.actualEndError = QLabel(self.datesGroup)
        self.actualEndError.setObjectName(u"actualEndError")
        self.actualEndError.setTextFormat(Qt.TextFormat.PlainText)
        self.actualEndError.setWordWrap(True)
        self.actualEndError.setProperty(u"role", u"error")

        self.actualEndBox.addWidget(self.actualEndError)


        self.datesForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.actualEndBox)


        self.scheduleLayout.addWidget(self.datesGroup)

        self.statisticsGroup = QGroupBox(self.scheduleTab)
        self.statisticsGroup.setObjectName(u"statisticsGroup")
        self.statisticsForm = QFormLayout(self.statisticsGroup)
        self.statisticsForm.setObjectName(u"statisticsForm")
        self.inStatisticsBox = QHBoxLayout()
        self.inStatisticsBox.setSpacing(8)
        self.inStatisticsBox.setObjectName(u"inStatisticsBox")
        self.inStatisticsCheck = QCheckBox(self.statisticsGroup)
        self.inStatisticsCheck.setObjectName(u"inStatisticsCheck")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.inStatisticsCheck.sizePolicy().hasHeightForWidth())
        self.inStatisticsCheck.setSizePolicy(sizePolicy)

        self.inStatisticsBox.addWidget(self.inStatisticsCheck)

        self.inStatisticsError = QLabel(self.statisticsGroup)
        self.inStatisticsError.setObjectName(u"inStatisticsError")
        self.inStatisticsError.setTextFormat(Qt.TextFormat.PlainText)
        self.inStatisticsError.setWordWrap(True)
        self.inStatisticsError.setProperty(u"role", u"error")

        self.inStatisticsBox.addWidget(self.inStatisticsError)


        self.statisticsForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.inStatisticsBox)

        self.statisticsDateLabel = QLabel(self.statisticsGroup)
        self.statisticsDateLabel.setObjectName(u"statisticsDateLabel")

        self.statisticsForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.statisticsDateLabel)

        self.statisticsDateBox = QHBoxLayout()
        self.statisticsDateBox.setSpacing(8)
        self.statisticsDateBox.setObjectName(u"statisticsDateBox")
        self.statisticsDateEdit = QLineEdit(self.statisticsGroup)
        self.statisticsDateEdit.setObjectName(u"statisticsDateEdit")
        self.statisticsDateEdit.setMaximumSize(QSize(240, 16777215))

        self.statisticsDateBox.addWidget(self.statisticsDateEdit)

        self.statisticsDateError = QLabel(self.statisticsGroup)
        self.statisticsDateError.setObjectName(u"statisticsDateError")
        self.statisticsDateError.setTextFormat(Qt.TextFormat.PlainText)
        self.statisticsDateError.setWordWrap(True)
        self.statisticsDateError.setProperty(u"role", u"error")

        self.statisticsDateBox.addWidget(self.statisticsDateError)


        self.statisticsForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.statisticsDateBox)


        self.scheduleLayout.addWidget(self.statisticsGroup)

        self.scheduleSpacer = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.scheduleLayout.addItem(self.scheduleSpacer)

        self.tabs.addTab(self.scheduleTab, "")
        self.responsibilityTab = QWidget()
        self.responsibilityTab.setObjectName(u"responsibilityTab")
        self.responsibilityLayout = QVBoxLayout(self.responsibilityTab)
        self.responsibilityLayout.setObjectName(u"responsibilityLayout")
        self.responsibilityGroup = QGroupBox(self.responsibilityTab)
        self.responsibilityGroup.setObjectName(u"responsibilityGroup")
        self.responsibilityForm = QFormLayout(self.responsibilityGroup)
        self.responsibilityForm.setObjectName(u"responsibilityForm")
        self.locationLabel = QLabel(self.responsibilityGroup)
        self.locationLabel.setObjectName(u"locationLabel")

        self.responsibilityForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.locationLabel)

        self.locationEdit = QLineEdit(self.responsibilityGroup)
        self.locationEdit.setObjectName(u"locationEdit")

        self.responsibilityForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.locationEdit)

        self.responsibleUnitLabel = QLabel(self.responsibilityGroup)
        self.responsibleUnitLabel.setObjectName(u"responsibleUnitLabel")

        self.responsibilityForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.responsibleUnitLabel)

        self.responsibleUnitEdit = QLineEdit(self.responsibilityGroup)
        self.responsibleUnitEdit.setObjectName(u"responsibleUnitEdit")

        self.responsibilityForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.responsibleUnitEdit)

        self.responsiblePersonLabel = QLabel(self.responsibilityGroup)
        self.responsiblePersonLabel.setObjectName(u"responsiblePersonLabel")

        self.responsibilityForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.responsiblePersonLabel)

        self.responsiblePersonEdit = QLineEdit(self.responsibilityGroup)
        self.responsiblePersonEdit.setObjectName(u"responsiblePersonEdit")
        self.responsiblePersonEdit.setMaximumSize(QSize(320, 16777215))

        self.responsibilityForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.responsiblePersonEdit)

        self.responsiblePhoneLabel = QLabel(self.responsibilityGroup)
        self.responsiblePhoneLabel.setObjectName(u"responsiblePhoneLabel")

        self.responsibilityForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.responsiblePhoneLabel)

        self.responsiblePhoneBox = QHBoxLayout()
        self.responsiblePhoneBox.setSpacing(8)
        self.responsiblePhoneBox.setObjectName(u"responsiblePhoneBox")
        self.responsiblePhoneEdit = QLineEdit(self.responsibilityGroup)
        self.responsiblePhoneEdit.setObjectName(u"responsiblePhoneEdit")
        self.responsiblePhoneEdit.setMaximumSize(QSize(320, 16777215))

        self.responsiblePhoneBox.addWidget(self.responsiblePhoneEdit)

        self.responsiblePhoneError = QLabel(self.responsibilityGroup)
        self.responsiblePhoneError.setObjectName(u"responsiblePhoneError")
        self.responsiblePhoneError.setTextFormat(Qt.TextFormat.PlainText)
        self.responsiblePhoneError.setWordWrap(True)
        self.responsiblePhoneError.setProperty(u"role", u"error")

        self.responsiblePhoneBox.addWidget(self.responsiblePhoneError)


        self.responsibilityForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.responsiblePhoneBox)

        self.leaderLabel = QLabel(self.responsibilityGroup)
        self.leaderLabel.setObjectName(u"leaderLabel")

        self.responsibilityForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.leaderLabel)

        self.leaderEdit = QLineEdit(self.responsibilityGroup)
        self.leaderEdit.setObjectName(u"leaderEdit")
        self.leaderEdit.setMaximumSize(QSize(320, 16777215))

        self.responsibilityForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.leaderEdit)


        self.responsibilityLayout.addWidget(self.responsibilityGroup)

        self.factorsGroup = QGroupBox(self.responsibilityTab)
        self.factorsGroup.setObjectName(u"factorsGroup")
        self.factorsForm = QFormLayout(self.factorsGroup)
        self.factorsForm.setObjectName(u"factorsForm")
        self.landStatusLabel = QLabel(self.factorsGroup)
        self.landStatusLabel.setObjectName(u"landStatusLabel")

        self.factorsForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.landStatusLabel)

        self.landStatusEdit = QLineEdit(self.factorsGroup)
        self.landStatusEdit.setObjectName(u"landStatusEdit")

        self.factorsForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.landStatusEdit)

        self.planningStatusLabel = QLabel(self.factorsGroup)
        self.planningStatusLabel.setObjectName(u"planningStatusLabel")

        self.factorsForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.planningStatusLabel)

        self.planningStatusEdit = QLineEdit(self.factorsGroup)
        self.planningStatusEdit.setObjectName(u"planningStatusEdit")

        self.factorsForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.planningStatusEdit)

        self.demolitionStatusLabel = QLabel(self.factorsGroup)
        self.demolitionStatusLabel.setObjectName(u"demolitionStatusLabel")

        self.factorsForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.demolitionStatusLabel)

        self.demolitionStatusEdit = QLineEdit(self.factorsGroup)
        self.demolitionStatusEdit.setObjectName(u"demolitionStatusEdit")

        self.factorsForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.demolitionStatusEdit)


        self.responsibilityLayout.addWidget(self.factorsGroup)

        self.remarksForm = QFormLayout()
        self.remarksForm.setObjectName(u"remarksForm")
        self.remarksLabel = QLabel(self.responsibilityTab)
        self.remarksLabel.setObjectName(u"remarksLabel")

        self.remarksForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.remarksLabel)

        self.remarksEdit = QPlainTextEdit(self.responsibilityTab)
        self.remarksEdit.setObjectName(u"remarksEdit")
        self.remarksEdit.setTabChangesFocus(True)

        self.remarksForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.remarksEdit)


        self.responsibilityLayout.addLayout(self.remarksForm)

        self.tabs.addTab(self.responsibilityTab, "")
        self.yearsTab = QWidget()
        self.yearsTab.setObjectName(u"yearsTab")
        self.yearsLayout = QVBoxLayout(self.yearsTab)
        self.yearsLayout.setObjectName(u"yearsLayout")
        self.yearsLabel = QLabel(self.yearsTab)
        self.yearsLabel.setObjectName(u"yearsLabel")
        self.yearsLabel.setWordWrap(True)

        self.yearsLayout.addWidget(self.yearsLabel)

        self.yearsView = QTableView(self.yearsTab)
        self.yearsView.setObjectName(u"yearsView")
        self.yearsView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.yearsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.yearsView.horizontalHeader().setStretchLastSection(True)
        self.yearsView.verticalHeader().setVisible(False)

        self.yearsLayout.addWidget(self.yearsView)

        self.yearsError = QLabel(self.yearsTab)
        self.yearsError.setObjectName(u"yearsError")
        self.yearsError.setTextFormat(Qt.TextFormat.PlainText)
        self.yearsError.setWordWrap(True)
        self.yearsError.setProperty(u"role", u"error")

        self.yearsLayout.addWidget(self.yearsError)

        self.yearButtons = QHBoxLayout()
        self.yearButtons.setObjectName(u"yearButtons")
        self.addYearButton = QPushButton(self.yearsTab)
        self.addYearButton.setObjectName(u"addYearButton")
        self.addYearButton.setAutoDefault(False)

        self.yearButtons.addWidget(self.addYearButton)

        self.removeYearButton = QPushButton(self.yearsTab)
        self.removeYearButton.setObjectName(u"removeYearButton")
        self.removeYearButton.setEnabled(False)
        self.removeYearButton.setAutoDefault(False)

        self.yearButtons.addWidget(self.removeYearButton)

        self.changeListingButton = QPushButton(self.yearsTab)
        self.changeListingButton.setObjectName(u"changeListingButton")
        self.changeListingButton.setEnabled(False)
        self.changeListingButton.setAutoDefault(False)

        self.yearButtons.addWidget(self.changeListingButton)

        self.yearButtonsSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.yearButtons.addItem(self.yearButtonsSpacer)


        self.yearsLayout.addLayout(self.yearButtons)

        self.tabs.addTab(self.yearsTab, "")
        self.historyTab = QWidget()
        self.historyTab.setObjectName(u"historyTab")
        self.historyLayout = QVBoxLayout(self.historyTab)
        self.historyLayout.setObjectName(u"historyLayout")
        self.listedYearsLabel = QLabel(self.historyTab)
        self.listedYearsLabel.setObjectName(u"listedYearsLabel")
        self.listedYearsLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.listedYearsLabel.setWordWrap(True)

        self.historyLayout.addWidget(self.listedYearsLabel)

        self.historyTree = QTreeWidget(self.historyTab)
        self.historyTree.setObjectName(u"historyTree")
        self.historyTree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.historyTree.setAlternatingRowColors(True)
        self.historyTree.setRootIsDecorated(False)
        self.historyTree.setUniformRowHeights(True)

        self.historyLayout.addWidget(self.historyTree)

        self.tabs.addTab(self.historyTab, "")

        self.dialogLayout.addWidget(self.tabs)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.problemSummary = QLabel(ProjectEditor)
        self.problemSummary.setObjectName(u"problemSummary")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy1.setHorizontalStretch(1)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.problemSummary.sizePolicy().hasHeightForWidth())
        self.problemSummary.setSizePolicy(sizePolicy1)
        self.problemSummary.setTextFormat(Qt.TextFormat.PlainText)
        self.problemSummary.setWordWrap(True)
        self.problemSummary.setProperty(u"role", u"error")

        self.buttonRow.addWidget(self.problemSummary)

        self.buttonSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.saveButton = QPushButton(ProjectEditor)
        self.saveButton.setObjectName(u"saveButton")
        self.saveButton.setAutoDefault(False)

        self.buttonRow.addWidget(self.saveButton)

        self.saveCloseButton = QPushButton(ProjectEditor)
        self.saveCloseButton.setObjectName(u"saveCloseButton")

        self.buttonRow.addWidget(self.saveCloseButton)

        self.cancelButton = QPushButton(ProjectEditor)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setAutoDefault(False)

        self.buttonRow.addWidget(self.cancelButton)


        self.dialogLayout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.codeLabel.setBuddy(self.codeEdit)
        self.unitLabel.setBuddy(self.unitCombo)
        self.industryLabel.setBuddy(self.industryCombo)
        self.natureLabel.setBuddy(self.natureCombo)
        self.stageLabel.setBuddy(self.stageCombo)
        self.builderLabel.setBuddy(self.builderEdit)
        self.builderContactLabel.setBuddy(self.builderContactEdit)
        self.builderPhoneLabel.setBuddy(self.builderPhoneEdit)
        self.scaleLabel.setBuddy(self.scaleEdit)
        self.totalInvestmentLabel.setBuddy(self.totalInvestmentEdit)
        self.plannedStartLabel.setBuddy(self.plannedStartEdit)
        self.plannedEndLabel.setBuddy(self.plannedEndEdit)
        self.actualStartLabel.setBuddy(self.actualStartEdit)
        self.actualEndLabel.setBuddy(self.actualEndEdit)
        self.statisticsDateLabel.setBuddy(self.statisticsDateEdit)
        self.locationLabel.setBuddy(self.locationEdit)
        self.responsibleUnitLabel.setBuddy(self.responsibleUnitEdit)
        self.responsiblePersonLabel.setBuddy(self.responsiblePersonEdit)
        self.responsiblePhoneLabel.setBuddy(self.responsiblePhoneEdit)
        self.leaderLabel.setBuddy(self.leaderEdit)
        self.landStatusLabel.setBuddy(self.landStatusEdit)
        self.planningStatusLabel.setBuddy(self.planningStatusEdit)
        self.demolitionStatusLabel.setBuddy(self.demolitionStatusEdit)
        self.remarksLabel.setBuddy(self.remarksEdit)
        self.yearsLabel.setBuddy(self.yearsView)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.tabs, self.nameEdit)
        QWidget.setTabOrder(self.nameEdit, self.codeEdit)
        QWidget.setTabOrder(self.codeEdit, self.unitCombo)
        QWidget.setTabOrder(self.unitCombo, self.industryCombo)
        QWidget.setTabOrder(self.industryCombo, self.natureCombo)
        QWidget.setTabOrder(self.natureCombo, self.stageCombo)
        QWidget.setTabOrder(self.stageCombo, self.isGovernmentCheck)
        QWidget.setTabOrder(self.isGovernmentCheck, self.builderEdit)
        QWidget.setTabOrder(self.builderEdit, self.builderContactEdit)
        QWidget.setTabOrder(self.builderContactEdit, self.builderPhoneEdit)
        QWidget.setTabOrder(self.builderPhoneEdit, self.scaleEdit)
        QWidget.setTabOrder(self.scaleEdit, self.totalInvestmentEdit)
        QWidget.setTabOrder(self.totalInvestmentEdit, self.plannedStartEdit)
        QWidget.setTabOrder(self.plannedStartEdit, self.plannedEndEdit)
        QWidget.setTabOrder(self.plannedEndEdit, self.actualStartEdit)
        QWidget.setTabOrder(self.actualStartEdit, self.actualEndEdit)
        QWidget.setTabOrder(self.actualEndEdit, self.inStatisticsCheck)
        QWidget.setTabOrder(self.inStatisticsCheck, self.statisticsDateEdit)
        QWidget.setTabOrder(self.statisticsDateEdit, self.locationEdit)
        QWidget.setTabOrder(self.locationEdit, self.responsibleUnitEdit)
        QWidget.setTabOrder(self.responsibleUnitEdit, self.responsiblePersonEdit)
        QWidget.setTabOrder(self.responsiblePersonEdit, self.responsiblePhoneEdit)
        QWidget.setTabOrder(self.responsiblePhoneEdit, self.leaderEdit)
        QWidget.setTabOrder(self.leaderEdit, self.landStatusEdit)
        QWidget.setTabOrder(self.landStatusEdit, self.planningStatusEdit)
        QWidget.setTabOrder(self.planningStatusEdit, self.demolitionStatusEdit)
        QWidget.setTabOrder(self.demolitionStatusEdit, self.remarksEdit)
        QWidget.setTabOrder(self.remarksEdit, self.yearsView)
        QWidget.setTabOrder(self.yearsView, self.addYearButton)
        QWidget.setTabOrder(self.addYearButton, self.removeYearButton)
        QWidget.setTabOrder(self.removeYearButton, self.changeListingButton)
        QWidget.setTabOrder(self.changeListingButton, self.historyTree)
        QWidget.setTabOrder(self.historyTree, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.saveCloseButton)
        QWidget.setTabOrder(self.saveCloseButton, self.cancelButton)

        self.retranslateUi(ProjectEditor)

        self.tabs.setCurrentIndex(0)
        self.saveCloseButton.setDefault(True)


        QMetaObject.connectSlotsByName(ProjectEditor)
    # setupUi

    def retranslateUi(self, ProjectEditor):
        ProjectEditor.setWindowTitle(QCoreApplication.translate("ProjectEditor", u"\u65b0\u5efa\u9879\u76ee[*]", None))
        self.nameLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u9879\u76ee\u540d\u79f0(&N)\uff1a", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("ProjectEditor", u"\u5982\uff1a\u9752\u5c9b\u84dd\u8c37\u6d77\u6d0b\u79d1\u6280\u521b\u65b0\u4e2d\u5fc3\u9879\u76ee", None))
        self.codeLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u9879\u76ee\u4ee3\u7801(&C)\uff1a", None))
        self.codeEdit.setPlaceholderText(QCoreApplication.translate("ProjectEditor", u"\u6295\u8d44\u9879\u76ee\u5728\u7ebf\u5ba1\u6279\u76d1\u7ba1\u5e73\u53f0\u4ee3\u7801", None))
        self.unitLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u533a\u4f4d(&U)\uff1a", None))
        self.unitCombo.setPlaceholderText(QCoreApplication.translate("ProjectEditor", u"\u8bf7\u9009\u62e9\u533a\u4f4d", None))
        self.industryLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u6240\u5c5e\u4ea7\u4e1a(&I)\uff1a", None))
        self.industryCombo.setPlaceholderText(QCoreApplication.translate("ProjectEditor", u"\u8bf7\u9009\u62e9\u4ea7\u4e1a", None))
        self.natureLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u5efa\u8bbe\u6027\u8d28(&T)\uff1a", None))
        self.stageLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u9636\u6bb5(&S)\uff1a", None))
        self.isGovernmentCheck.setText(QCoreApplication.translate("ProjectEditor", u"\u653f\u5e9c\u6295\u8d44\u9879\u76ee(&G)", None))
        self.builderLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u5efa\u8bbe\u5355\u4f4d(&B)\uff1a", None))
        self.builderContactLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u8054\u7cfb\u4eba(&O)\uff1a", None))
        self.builderPhoneLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u8054\u7cfb\u7535\u8bdd(&P)\uff1a", None))
        self.builderPhoneEdit.setPlaceholderText(QCoreApplication.translate("ProjectEditor", u"\u5982 0532-88512345 \u6216 13800000000", None))
        self.scaleLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u5efa\u8bbe\u5185\u5bb9\u53ca\u89c4\u6a21(&E)\uff1a", None))
        self.scaleEdit.setPlaceholderText(QCoreApplication.translate("ProjectEditor", u"\u5982\uff1a\u603b\u5efa\u7b51\u9762\u79ef12\u4e07\u5e73\u65b9\u7c73\uff0c\u5efa\u8bbe\u7814\u53d1\u697c\u3001\u751f\u4ea7\u8f66\u95f4\u53ca\u914d\u5957\u8bbe\u65bd", None))
        self.tabs.setTabText(self.tabs.indexOf(self.basicTab), QCoreApplication.translate("ProjectEditor", u"\u57fa\u672c\u4fe1\u606f", None))
        self.investmentGroup.setTitle(QCoreApplication.translate("ProjectEditor", u"\u6295\u8d44", None))
        self.totalInvestmentLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u603b\u6295\u8d44\uff08\u4e07\u5143\uff09(&M)\uff1a", None))
        self.totalInvestmentEdit.setPlaceholderText(QCoreApplication.translate("ProjectEditor", u"\u5982 12500 \u6216 1.5\u4ebf\u5143", None))
        self.datesGroup.setTitle(QCoreApplication.translate("ProjectEditor", u"\u65f6\u95f4\u8282\u70b9\uff08\u5e74\u6708\u5373\u53ef\uff0c\u5982 2020-06 \u6216 2020\u5e746\u6708\uff09", None))
        self.plannedStartLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u8ba1\u5212\u5f00\u5de5(&S)\uff1a", None))
        self.plannedStartEdit.setPlaceholderText(QCoreApplication.translate("ProjectEditor", u"2020-06", None))
        self.plannedEndLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u8ba1\u5212\u7ae3\u5de5(&E)\uff1a", None))
        self.plannedEndEdit.setPlaceholderText(QCoreApplication.translate("ProjectEditor", u"2022-12", None))
        self.actualStartLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u5b9e\u9645\u5f00\u5de5(&A)\uff1a", None))
        self.actualEndLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u5b9e\u9645\u7ae3\u5de5(&D)\uff1a", None))
        self.statisticsGroup.setTitle(QCoreApplication.translate("ProjectEditor", u"\u7eb3\u7edf", None))
        self.inStatisticsCheck.setText(QCoreApplication.translate("ProjectEditor", u"\u5df2\u7eb3\u5165\u7edf\u8ba1(&T)", None))
        self.statisticsDateLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u7eb3\u7edf\u65e5\u671f(&R)\uff1a", None))
        self.tabs.setTabText(self.tabs.indexOf(self.scheduleTab), QCoreApplication.translate("ProjectEditor", u"\u6295\u8d44\u4e0e\u8fdb\u5ea6", None))
        self.responsibilityGroup.setTitle(QCoreApplication.translate("ProjectEditor", u"\u8d23\u4efb\u843d\u5b9e", None))
        self.locationLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u9879\u76ee\u5730\u70b9(&A)\uff1a", None))
        self.locationEdit.setPlaceholderText(QCoreApplication.translate("ProjectEditor", u"\u5982\uff1a\u84dd\u8c37\u5927\u9053\u4ee5\u4e1c\u3001\u9e64\u5c71\u8def\u5317\u4fa7", None))
        self.responsibleUnitLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u8d23\u4efb\u5355\u4f4d(&U)\uff1a", None))
        self.responsiblePersonLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u8d23\u4efb\u4eba(&P)\uff1a", None))
        self.responsiblePhoneLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u8d23\u4efb\u4eba\u7535\u8bdd(&H)\uff1a", None))
        self.leaderLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u6302\u94a9\u9886\u5bfc(&L)\uff1a", None))
        self.factorsGroup.setTitle(QCoreApplication.translate("ProjectEditor", u"\u8981\u7d20\u4fdd\u969c", None))
        self.landStatusLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u571f\u5730(&D)\uff1a", None))
        self.landStatusEdit.setPlaceholderText(QCoreApplication.translate("ProjectEditor", u"\u5982\uff1a\u5df2\u53d6\u5f97\u4e0d\u52a8\u4ea7\u6743\u8bc1", None))
        self.planningStatusLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u89c4\u5212(&G)\uff1a", None))
        self.planningStatusEdit.setPlaceholderText(QCoreApplication.translate("ProjectEditor", u"\u5982\uff1a\u5df2\u53d6\u5f97\u5efa\u8bbe\u5de5\u7a0b\u89c4\u5212\u8bb8\u53ef\u8bc1", None))
        self.demolitionStatusLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u62c6\u8fc1(&C)\uff1a", None))
        self.demolitionStatusEdit.setPlaceholderText(QCoreApplication.translate("ProjectEditor", u"\u5982\uff1a\u65e0\u62c6\u8fc1\u4efb\u52a1", None))
        self.remarksLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u5907\u6ce8(&R)\uff1a", None))
        self.tabs.setTabText(self.tabs.indexOf(self.responsibilityTab), QCoreApplication.translate("ProjectEditor", u"\u8d23\u4efb\u4e0e\u8981\u7d20", None))
        self.yearsLabel.setText(QCoreApplication.translate("ProjectEditor", u"\u5e74\u5ea6\u6e05\u5355(&Y)\uff1a\u540c\u4e00\u9879\u76ee\u53ef\u5217\u5165\u591a\u4e2a\u5e74\u5ea6\u7684\u91cd\u70b9\u9879\u76ee\u6e05\u5355\uff0c\u53cc\u51fb\u5355\u5143\u683c\u4fee\u6539\u3002", None))
        self.addYearButton.setText(QCoreApplication.translate("ProjectEditor", u"\u6dfb\u52a0\u5e74\u5ea6(&A)", None))
        self.removeYearButton.setText(QCoreApplication.translate("ProjectEditor", u"\u5220\u9664\u5e74\u5ea6(&D)", None))
#if QT_CONFIG(tooltip)
        self.changeListingButton.setToolTip(QCoreApplication.translate("ProjectEditor", u"\u56db\u4e2a\u4e00\u6279\u8c03\u6574\u3001\u589e\u8865\u3001\u9000\u51fa\uff0c\u6ce8\u660e\u65e5\u671f\u548c\u539f\u56e0\uff0c\u7acb\u5373\u751f\u6548\u5e76\u8bb0\u5165\u64cd\u4f5c\u5386\u53f2", None))
#endif // QT_CONFIG(tooltip)
        self.changeListingButton.setText(QCoreApplication.translate("ProjectEditor", u"\u8c03\u6574\u3001\u589e\u8865\u3001\u9000\u51fa(&J)\u2026", None))
        self.tabs.setTabText(self.tabs.indexOf(self.yearsTab), QCoreApplication.translate("ProjectEditor", u"\u5e74\u5ea6\u6e05\u5355", None))
        ___qtreewidgetitem = self.historyTree.headerItem()
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("ProjectEditor", u"\u4fee\u6539\u5185\u5bb9", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("ProjectEditor", u"\u5b57\u6bb5", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("ProjectEditor", u"\u7ecf\u529e\u4eba", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("ProjectEditor", u"\u65f6\u95f4", None))
        self.tabs.setTabText(self.tabs.indexOf(self.historyTab), QCoreApplication.translate("ProjectEditor", u"\u5386\u53f2", None))
#if QT_CONFIG(tooltip)
        self.saveButton.setToolTip(QCoreApplication.translate("ProjectEditor", u"\u4fdd\u5b58\u540e\u7ee7\u7eed\u7f16\u8f91\uff08Ctrl+S\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.saveButton.setText(QCoreApplication.translate("ProjectEditor", u"\u4fdd\u5b58", None))
        self.saveCloseButton.setText(QCoreApplication.translate("ProjectEditor", u"\u4fdd\u5b58\u5e76\u5173\u95ed", None))
        self.cancelButton.setText(QCoreApplication.translate("ProjectEditor", u"\u53d6\u6d88", None))
    # retranslateUi


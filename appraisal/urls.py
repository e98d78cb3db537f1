from django.urls import path

from . import views

app_name = "appraisal"

urlpatterns = [
    path("workbench/", views.workbench, name="workbench"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/take/", views.take_case, name="take"),
    path("cases/<int:pk>/record/<slug:item_code>/", views.record, name="record"),
    path("cases/<int:pk>/grade/", views.grade, name="grade"),
    path("cases/<int:pk>/value/", views.value, name="value"),
    path("cases/<int:pk>/review/", views.review, name="review"),
    path("cases/<int:pk>/issue/", views.issue, name="issue"),
    path("cases/<int:pk>/decline/", views.decline, name="decline"),
    path("request/<int:listing_pk>/", views.request_for_listing, name="request"),
    path("verify/<str:number>/", views.verify, name="verify"),
    path("verify/<str:number>/report.pdf", views.report_pdf, name="pdf"),
    path("verify/<str:number>/report.json", views.report_bundle, name="bundle"),
    path("keys.json", views.public_keys, name="keys"),
    path("defects/", views.defect_schedule, name="defects"),
    path("price-suggestion/", views.price_suggestion, name="price_suggestion"),
]

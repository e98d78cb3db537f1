from django.urls import path

from .views import cases, inspection, public, reports

app_name = "appraisal"

urlpatterns = [
    path("workbench/", cases.workbench, name="workbench"),
    path("cases/<int:pk>/", inspection.case_detail, name="case"),
    path("cases/<int:pk>/take/", cases.take_case, name="take"),
    path("cases/<int:pk>/record/<slug:item_code>/", inspection.record, name="record"),
    path("cases/<int:pk>/grade/", cases.grade, name="grade"),
    path("cases/<int:pk>/value/", cases.value, name="value"),
    path("cases/<int:pk>/review/", cases.review, name="review"),
    path("cases/<int:pk>/issue/", cases.issue, name="issue"),
    path("cases/<int:pk>/decline/", cases.decline, name="decline"),
    path("request/<int:listing_pk>/", cases.request_for_listing, name="request"),
    path("reports/<str:number>/amend/", reports.amend, name="amend"),
    path("reports/<str:number>/revoke/", reports.revoke, name="revoke"),
    path("verify/<str:number>/", public.verify, name="verify"),
    path("verify/<str:number>/report.pdf", public.report_pdf, name="pdf"),
    path("verify/<str:number>/report.json", public.report_bundle, name="bundle"),
    path("keys.json", public.public_keys, name="keys"),
    path("defects/", public.defect_schedule, name="defects"),
    path("price-suggestion/", public.price_suggestion, name="price_suggestion"),
]

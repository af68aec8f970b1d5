"""The seed's ISP calls with zeep, Python's stock SOAP client, from the WSDL a running trax-sim serves.

Usage: python3 zeep-client.py WSDL_URL_FOR_SOAP_1_1 WSDL_URL_FOR_SOAP_1_2
Prints one JSON object: for each SOAP version, what zeep made of each answer.
"""

import json
import sys

from zeep import Client
from zeep.exceptions import Fault
from zeep.helpers import serialize_object

ADC = "http://www.alarm.com/WebServices"
PORTS = {"1.1": "CustomerManagementSoap", "1.2": "CustomerManagementSoap12"}


def run(wsdl, version):
    client = Client(wsdl)
    service = client.bind("CustomerManagement", PORTS[version])
    authentication = client.get_element("{%s}Authentication" % ADC)

    def header(user, password):
        return [authentication(User=user, Password=password, TwoFactorDeviceId="")]

    def result(answer):
        return json.loads(json.dumps(serialize_object(answer), default=str))

    out = {"endpoint": service._binding_options["address"]}
    out["get"] = result(service.GetSecurityTraxSettings(_soapheaders=header("acme-isp", "isp-pass")))
    out["set"] = result(
        service.SetSecurityTraxSettings(BillingIntegrationEnabled=True, _soapheaders=header("acme-isp", "isp-pass"))
    )
    out["setWithoutRole"] = result(
        service.SetSecurityTraxSettings(BillingIntegrationEnabled=True, _soapheaders=header("norole-isp", "isp-pass"))
    )
    try:
        service.GetSecurityTraxSettings(_soapheaders=header("acme-isp", "not-the-password"))
        out["fault"] = None
    except Fault as fault:
        code = fault.detail.find(".//{%s}Code" % ADC) if fault.detail is not None else None
        out["fault"] = {
            "code": fault.code,
            "subcodes": [str(s) for s in (fault.subcodes or [])],
            "message": fault.message,
            "detailCode": code.text if code is not None else None,
        }
    return out


if __name__ == "__main__":
    print(json.dumps({"1.1": run(sys.argv[1], "1.1"), "1.2": run(sys.argv[2], "1.2")}))

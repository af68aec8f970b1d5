// The WSDL 1.1 of the service (document/literal, one SOAP 1.1 and one SOAP 1.2 binding), in the shape
// ASP.NET web services publish, derived from the operations table. A stock client starts here.
import {
  OPERATIONS,
  RESULT_FIELDS,
  RESULT_TYPE,
  responseElement,
  resultElement,
  type Field,
  type SoapOperationName,
} from './operations.ts';
import { ADC_NS, SERVICE_NAME, soapActionOf } from './soap-constants.ts';

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const element = (f: Field) =>
  `<s:element minOccurs="${f.required ? 1 : 0}" maxOccurs="1" name="${f.element}" type="s:${f.type}"/>`;
const sequence = (fields: Field[]) => (fields.length ? `<s:sequence>${fields.map(element).join('')}</s:sequence>` : '');
const names = () => Object.keys(OPERATIONS) as SoapOperationName[];

function types(): string {
  const perOperation = names().map(
    (name) =>
      `<s:element name="${name}"><s:complexType>${sequence(OPERATIONS[name].input)}</s:complexType></s:element>` +
      `<s:element name="${responseElement(name)}"><s:complexType><s:sequence>` +
      `<s:element minOccurs="0" maxOccurs="1" name="${resultElement(name)}" type="tns:${RESULT_TYPE}"/>` +
      `</s:sequence></s:complexType></s:element>`,
  );
  const authentication: Field[] = ['User', 'Password', 'TwoFactorDeviceId'].map((e) => ({
    element: e,
    type: 'string',
    required: false,
  }));
  return (
    `<wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="${ADC_NS}">` +
    perOperation.join('') +
    `<s:complexType name="${RESULT_TYPE}">${sequence(RESULT_FIELDS)}</s:complexType>` +
    `<s:element name="Authentication" type="tns:Authentication"/>` +
    `<s:complexType name="Authentication">${sequence(authentication)}<s:anyAttribute/></s:complexType>` +
    `</s:schema></wsdl:types>`
  );
}

function messages(): string {
  return names()
    .map(
      (name) =>
        `<wsdl:message name="${name}SoapIn"><wsdl:part name="parameters" element="tns:${name}"/></wsdl:message>` +
        `<wsdl:message name="${name}SoapOut"><wsdl:part name="parameters" element="tns:${responseElement(name)}"/></wsdl:message>` +
        `<wsdl:message name="${name}Authentication"><wsdl:part name="Authentication" element="tns:Authentication"/></wsdl:message>`,
    )
    .join('');
}

function binding(soap: 'soap' | 'soap12', suffix: string): string {
  const operations = names().map(
    (name) =>
      `<wsdl:operation name="${name}"><${soap}:operation soapAction="${soapActionOf(name)}" style="document"/>` +
      `<wsdl:input><${soap}:body use="literal"/><${soap}:header message="tns:${name}Authentication" part="Authentication" use="literal"/></wsdl:input>` +
      `<wsdl:output><${soap}:body use="literal"/></wsdl:output></wsdl:operation>`,
  );
  return (
    `<wsdl:binding name="${SERVICE_NAME}${suffix}" type="tns:${SERVICE_NAME}Soap">` +
    `<${soap}:binding transport="http://schemas.xmlsoap.org/soap/http"/>${operations.join('')}</wsdl:binding>`
  );
}

/** The WSDL whose endpoint is `address` (the URL it was fetched from, without its query). */
export function wsdlXml(address: string): string {
  const portType = names()
    .map(
      (name) =>
        `<wsdl:operation name="${name}"><wsdl:input message="tns:${name}SoapIn"/><wsdl:output message="tns:${name}SoapOut"/></wsdl:operation>`,
    )
    .join('');
  const location = escapeXml(address);
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" ` +
    `xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="${ADC_NS}" targetNamespace="${ADC_NS}">` +
    types() +
    messages() +
    `<wsdl:portType name="${SERVICE_NAME}Soap">${portType}</wsdl:portType>` +
    binding('soap', 'Soap') +
    binding('soap12', 'Soap12') +
    `<wsdl:service name="${SERVICE_NAME}">` +
    `<wsdl:port name="${SERVICE_NAME}Soap" binding="tns:${SERVICE_NAME}Soap"><soap:address location="${location}"/></wsdl:port>` +
    `<wsdl:port name="${SERVICE_NAME}Soap12" binding="tns:${SERVICE_NAME}Soap12"><soap12:address location="${location}"/></wsdl:port>` +
    `</wsdl:service></wsdl:definitions>`
  );
}
